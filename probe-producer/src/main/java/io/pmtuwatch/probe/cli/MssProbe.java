package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.schemas.HandshakeObservation;
import java.util.Optional;

/**
 * The TCP handshake measurement the trace command runs before tracing (so our kernel's PMTU cache,
 * lowered by the trace, does not shape our SYN). Empty when not measured.
 */
public interface MssProbe {

    Optional<HandshakeObservation> measure(TraceIdentity identity, String runId);

    MssProbe NONE = (identity, runId) -> Optional.empty();
}
