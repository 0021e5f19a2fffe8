package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnosis bench compares two builds only as well as its inputs reach the rules: the generated runs
 * must give every finding, every PMTU source, ECMP members, black holes, incomplete and refused runs.
 */
class DiagnosisBenchTest {

    private final List<DiagnosisCase> generated = new GeneratedRuns(14).cases(3000);

    @Test
    void theGeneratedRunsReachEveryFindingEveryPmtuSourceAndEveryKindOfRun() {
        PathDiagnoser diagnoser = new PathDiagnoser();
        Set<FindingCode> codes = EnumSet.noneOf(FindingCode.class);
        Set<PmtuSource> sources = EnumSet.noneOf(PmtuSource.class);
        Set<Origin> origins = EnumSet.noneOf(Origin.class);
        List<PathDiagnosis> diagnoses = new ArrayList<>();
        int refused = 0;
        for (DiagnosisCase c : generated) {
            DiagnosisContext context = c.incompleteReason() == null ? DiagnosisContext.completeRun()
                    : DiagnosisContext.incomplete(c.incompleteReason());
            if (c.diagnosedAtFallback() != null) {
                context = context.withDiagnosedAtFallback(c.diagnosedAtFallback());
            }
            try {
                PathDiagnosis d = diagnoser.diagnose(c.hops(), Optional.ofNullable(c.handshake()), context);
                d.getFindings().stream().map(Finding::getCode).forEach(codes::add);
                sources.add(d.getPmtuSource());
                origins.add(d.getOrigin());
                diagnoses.add(d);
            } catch (IllegalArgumentException e) {
                refused++;
            }
        }
        assertThat(codes).containsAll(EnumSet.complementOf(EnumSet.of(FindingCode.UNKNOWN)));
        assertThat(sources).containsAll(EnumSet.allOf(PmtuSource.class));
        assertThat(origins).contains(Origin.ACTIVE, Origin.PASSIVE, Origin.REPLAY);
        assertThat(refused).isPositive();
        assertThat(diagnoses).anyMatch(d -> d.getEcmpMembers().size() >= 2)
                .anyMatch(d -> d.getBlackHole() != null && d.getBlackHole().getDetected()
                        && d.getBlackHole().getFirstSilentTtl() != null)
                .anyMatch(d -> d.getMtuDrops().size() >= 2)
                .anyMatch(d -> d.getMtuDrops().stream().anyMatch(drop -> drop.getFromMtu() == null))
                .anyMatch(d -> !d.getComplete())
                .anyMatch(d -> d.getInvalidPtbCount() > 0)
                .anyMatch(d -> d.getHops().isEmpty());
    }

    @Test
    void aBuildComparedWithItselfGivesByteIdenticalDiagnosesForEveryRun() throws Exception {
        DiagnosisCorpus corpus = new DiagnosisCorpus(List.of(new DiagnosisCorpus.Set("generated", generated)));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DiagnosisBench bench = new DiagnosisBench(corpus, IsolatedDiagnoser.current(), IsolatedDiagnoser.current(),
                new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(bench.compare()).isTrue();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("3000 of 3000 runs byte-identical");
    }

    @Test
    void aBuildThatDiffersByOneByteOrFailsOnOneRunIsReportedAndTheBenchSaysSo() throws Exception {
        List<DiagnosisCase> cases = generated.subList(0, 40);
        DiagnosisBuild current = IsolatedDiagnoser.current();
        List<DiagnosisCase> diagnosable = new ArrayList<>();
        for (DiagnosisCase c : cases) {
            try {
                current.diagnose(c);
                diagnosable.add(c);
            } catch (IllegalArgumentException refused) {
                // not one to alter
            }
        }
        DiagnosisCase oneMoreProbe = diagnosable.get(0);
        DiagnosisCase failing = diagnosable.get(1);
        DiagnosisBuild altered = new DiagnosisBuild() {
            @Override
            public String label() {
                return "altered";
            }

            @Override
            public Path location() {
                return current.location();
            }

            @Override
            public PathDiagnosis diagnose(DiagnosisCase c) throws ReflectiveOperationException {
                PathDiagnosis d = current.diagnose(c);
                if (c == failing) {
                    throw new IllegalStateException("a bug, not a refusal");
                }
                return c == oneMoreProbe ? PathDiagnosis.newBuilder(d).setProbesSent(d.getProbesSent() + 1).build() : d;
            }
        };
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        DiagnosisBench bench = new DiagnosisBench(new DiagnosisCorpus(List.of(new DiagnosisCorpus.Set("some", cases))),
                altered, current, new PrintStream(text, true, StandardCharsets.UTF_8));

        assertThat(bench.run(0, 1, 1)).isFalse();
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("38 of 40 runs byte-identical", "2 differ")
                .contains("DIFFERS " + oneMoreProbe.name() + ":", "DIFFERS " + failing.name() + ":")
                .contains("a bug, not a refusal");
    }
}
