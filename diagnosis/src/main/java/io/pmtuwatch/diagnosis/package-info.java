/**
 * PMTU / MSS diagnosis: one run's observations in, a {@link io.pmtuwatch.schemas.PathDiagnosis} out.
 * Pure Java, no I/O. Entry point: {@link io.pmtuwatch.diagnosis.PathDiagnoser}.
 *
 * <h2>Findings (the seed's tables; headers: IPv4 40, IPv6 60)</h2>
 * <table>
 *   <caption>Finding rules and severities</caption>
 *   <tr><th>code</th><th>when</th><th>severity</th></tr>
 *   <tr><td>PMTUD_FAILURE</td><td>black hole: the target answers small probes, a larger size is lost on every
 *       attempt with no packet-too-big, and it is not above a validated PTB's MTU</td><td>CRITICAL (both
 *       versions)</td></tr>
 *   <tr><td>UNDERSIZED_PMTU</td><td>IPv4 PMTU &lt; 576; IPv6 PMTU &lt; 1280</td><td>IPv4 WARNING (CRITICAL
 *       for DNS, port 53); IPv6 CRITICAL</td></tr>
 *   <tr><td>OVERSIZED_MSS</td><td>combined MSS + headers &gt; PMTU; combined = min(target's SYN-ACK MSS,
 *       interface MTU - headers for an active probe; the captured client SYN for passive flows; the probe's
 *       own SYN only when the interface MTU is unknown)</td><td>WARNING;
 *       CRITICAL when a black hole was detected (no PTB will repair it)</td></tr>
 *   <tr><td>UNDERSIZED_MSS</td><td>an advertised or clamped MSS (target's SYN-ACK, our side, a located clamp's
 *       value) &lt; 1380 (IPv4) / 1220 (IPv6) AND &lt; what the path allows (PMTU - headers; without a PMTU,
 *       interface MTU - headers); not for DNS (port 53). A small MSS the path MTU forces is stated in its
 *       MTU_DROP instead</td><td>WARNING</td></tr>
 *   <tr><td>MTU_DROP</td><td>one per link where the path MTU drops (router, next hop, from/to, likely
 *       cause); when it sets the PMTU and PMTU - headers &lt; 1380 / 1220 (not DNS) it also says the path forces
 *       small segments and what MTU avoids that</td><td>INFO</td></tr>
 *   <tr><td>INVALID_PTB</td><td>packet-too-bigs ignored (flagged by the producer, MTU &gt;= probe size, below
 *       68 / 1280, no MTU or sender)</td><td>INFO</td></tr>
 *   <tr><td>OK</td><td>PMTU known, PMTU &gt;= MSS + headers, no WARNING or CRITICAL finding</td><td>INFO</td></tr>
 *   <tr><td>RETURN_PATH_BLACK_HOLE</td><td>the return-path test stalled (full-size segments from the target
 *       missing) and, after our packet-too-big, the target's smaller segments arrived (or no packet-too-big
 *       could be sent)</td><td>CRITICAL</td></tr>
 *   <tr><td>PTB_IGNORED</td><td>the return-path test stalled and the target sent nothing that fits after our
 *       packet-too-big; passively (returnPath.method CAPTURE, from analyze or the sensor): a sender resent data
 *       twice in DF packets above the MTU of a valid packet-too-big a router sent it (hop = that sender)</td><td>CRITICAL</td></tr>
 *   <tr><td>ECMP_NARROW_MEMBER</td><td>the run's flows found equal-cost members with different PMTUs: names the
 *       narrowest member's limiting router and MTU; only flows hashed onto it are affected</td><td>WARNING</td></tr>
 *   <tr><td>MSS_CLAMPED</td><td>the handshake carries a clamp located by the probe (clampRouter, TTL-limited SYNs)</td><td>WARNING when it forces the MSS below 1380 / 1220 while the path carries more, else INFO</td></tr>
 * </table>
 * Findings are sorted worst first (severity, then the order above); the status is the worst
 * severity, UNKNOWN only when there is no finding at all.
 *
 * <h2>Completeness</h2>
 * A diagnosis is complete when every observation of the run arrived (the last record, and as many
 * distinct records as it announces) and, for a TCP target, a handshake delivered MSS values. UDP and
 * ICMP targets have no handshake to miss. The caller may add a reason (e.g. an assembly timeout).
 */
package io.pmtuwatch.diagnosis;
