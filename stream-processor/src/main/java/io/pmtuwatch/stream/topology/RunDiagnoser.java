package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.List;
import java.util.Optional;

/** Turns an assembled run into its diagnosis; the topology uses the diagnosis module's rules. */
@FunctionalInterface
public interface RunDiagnoser {
    PathDiagnosis diagnose(List<HopObservation> hops, Optional<HandshakeObservation> handshake, boolean complete,
                           String incompleteReason);
}
