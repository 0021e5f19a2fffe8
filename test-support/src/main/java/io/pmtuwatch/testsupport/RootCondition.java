package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.CurrentUser;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables {@link RequiresRoot} tests for non-root users, for runs that do not filter the tag (an IDE,
 * or Maven with the exclusion overridden), so they are reported as skipped rather than failing
 * half-way through building a namespace.
 */
public final class RootCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return CurrentUser.isRoot()
                ? ConditionEvaluationResult.enabled("running as root")
                : ConditionEvaluationResult.disabled(
                        "needs root (network namespaces, packet capture); run as root to include it");
    }
}
