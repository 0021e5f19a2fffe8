package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import java.util.List;

/** One row of the rules: looks at the facts of a path and says what it found (often nothing). */
public interface FindingRule {

    List<Finding> apply(PathFacts facts);
}
