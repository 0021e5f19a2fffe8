package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The return direction (target to agent), from the run's return-path test. Full-size segments that
 * stall are told apart the way scamper's tbit does: the agent sent the target a packet-too-big for
 * its missing segment. If the target then shrinks its segments and they arrive, it honours PMTUD and
 * the network on the way back loses the big ones silently (RETURN_PATH_BLACK_HOLE); if it keeps
 * sending segments that do not fit, it ignores packet-too-big (PTB_IGNORED). Both are CRITICAL: the
 * answer stops, not slows. Without the packet-too-big test (unprivileged) a stall is reported as a
 * return-path black hole whose cause could not be narrowed down.
 */
public final class ReturnPathRule {

    public List<Finding> apply(Optional<ReturnPath> returnPath, IpVersionRules rules, String targetAddress) {
        if (returnPath.isEmpty() || returnPath.get().getOutcome() != ReturnPathOutcome.STALLED) {
            return List.of();
        }
        ReturnPath rp = returnPath.get();
        Boolean shrank = rp.getShrankAfterPtb();
        if (Boolean.FALSE.equals(shrank) && rp.getMethod() == ReturnPathMethod.CAPTURE) {
            return List.of(ignoredOnTheWire(rp, rules, rp.getSender() == null ? targetAddress : rp.getSender()));
        }
        if (Boolean.FALSE.equals(shrank)) {
            return List.of(ignored(rp, rules, targetAddress));
        }
        return List.of(blackHole(rp, rules, targetAddress, Boolean.TRUE.equals(shrank)));
    }

    private static Finding blackHole(ReturnPath rp, IpVersionRules rules, String target, boolean proven) {
        StringBuilder message = new StringBuilder("The return direction breaks: ").append(stalled(rp, rules, target));
        int safeMss;
        if (proven) {
            message.append(" After a packet-too-big for ").append(rp.getPtbMtu()).append(" bytes the target resent")
                    .append(" the data in packets of at most ").append(rp.getLargestAfterPtb())
                    .append(" bytes, which arrived: it honours PMTU discovery, so a link on the way back is")
                    .append(" narrower and the ").append(rules.ptbMessage).append(" of the router in front of it")
                    .append(" never reaches ").append(target).append(" (a black hole on the return path).");
            safeMss = rules.mssFor(rp.getPtbMtu());
        } else {
            message.append(" Without CAP_NET_RAW the agent could not send the target a packet-too-big to tell a")
                    .append(" black hole on the way back from a target that ignores PMTU discovery.");
            safeMss = rules.mssFor(rules.minimumPmtu);
        }
        message.append(" Downloads and large answers stall while every forward measurement looks fine.");
        String fix = "On the path from " + target + " back to the agent: make the router in front of the narrow link"
                + " send " + rules.ptbMessage + " and let it through towards " + target + " (no filter between"
                + " them); or clamp the MSS of SYNs crossing that link to fit it (" + rules.clampCommands(safeMss)
                + "). Until then a client can advertise a smaller MSS towards " + target + " (ip route replace "
                + target + " via <gateway> advmss " + safeMss + ")."
                + (proven ? "" : " Run the agent with CAP_NET_RAW to tell a black hole from a target that ignores"
                + " packet-too-big.");
        return finding(FindingCode.RETURN_PATH_BLACK_HOLE, Severity.CRITICAL, message.toString(), fix, null);
    }

    private static Finding ignored(ReturnPath rp, IpVersionRules rules, String target) {
        String message = "The target ignores packet-too-big: " + stalled(rp, rules, target)
                + " After a packet-too-big for " + rp.getPtbMtu() + " bytes quoting its own segment, it still sent"
                + " nothing that fits" + (rp.getLargestAfterPtb() == null ? ""
                : " (largest packet afterwards " + rp.getLargestAfterPtb() + " bytes)")
                + ": PMTU discovery is off at " + target + ", or a firewall in front of it drops " + rules.ptbMessage
                + ". Any client behind a narrower link (VPN, tunnel, PPPoE) sees its downloads stall.";
        return finding(FindingCode.PTB_IGNORED, Severity.CRITICAL, message, ignoredFix(rp, rules, target), target);
    }

    /**
     * Seen on live traffic or in a capture file (no request of ours): a router told the sender its
     * packets do not fit, and the sender went on resending the same data in packets that do not fit.
     */
    private static Finding ignoredOnTheWire(ReturnPath rp, IpVersionRules rules, String sender) {
        String router = rp.getPtbRouter() == null ? "a router" : "router " + rp.getPtbRouter();
        String message = sender + " ignores packet-too-big (seen on the wire): " + router + " sent it "
                + rules.ptbMessage + " saying that packets above " + rp.getPtbMtu() + " bytes do not fit, and "
                + sender + " then resent data " + rp.getOversizedAfterPtb() + " times in packets of up to "
                + rp.getLargestAfterPtb() + " bytes, which cannot pass. PMTU discovery is off at " + sender
                + ", or a firewall in front of it drops " + rules.ptbMessage + "; the connection stalls until it"
                + " times out. Any client behind a narrower link (VPN, tunnel, PPPoE) sees the same.";
        return finding(FindingCode.PTB_IGNORED, Severity.CRITICAL, message, ignoredFix(rp, rules, sender), sender);
    }

    private static String ignoredFix(ReturnPath rp, IpVersionRules rules, String target) {
        return "At " + target + ": accept " + rules.ptbMessage + " (" + acceptCommand(rules) + ") in its"
                + " firewall and any filter in front of it; keep PMTU discovery on (net.ipv4.ip_no_pmtu_disc=0, no"
                + " route with a locked mtu); as a safety net enable net.ipv4.tcp_mtu_probing=1 there. Until then"
                + " clamp the MSS on the narrow links towards clients (" + rules.clampCommands(rules.mssFor(rp.getPtbMtu()))
                + ").";
    }

    /** What stalled, in numbers. */
    private static String stalled(ReturnPath rp, IpVersionRules rules, String target) {
        StringBuilder s = new StringBuilder();
        Integer mss = rp.getTargetMss();
        if (mss != null) {
            s.append(target).append(" may send segments of ").append(mss).append(" bytes (")
                    .append(mss + rules.headerBytes).append("-byte packets), but they do not reach the agent");
        } else {
            s.append("full-size segments from ").append(target).append(" do not reach the agent");
        }
        if (rp.getLargestSegment() != null) {
            s.append("; the largest that arrived carried ").append(rp.getLargestSegment()).append(" bytes");
        }
        s.append(" (").append(rp.getBytesReceived()).append(" bytes of the answer arrived in order");
        if (rp.getOutOfOrderSegments() > 0) {
            s.append(", ").append(rp.getOutOfOrderSegments()).append(" segments beyond a hole");
        }
        return s.append(").").toString();
    }

    private static String acceptCommand(IpVersionRules rules) {
        return rules == IpVersionRules.IPV6 ? "ip6tables -I INPUT -p ipv6-icmp --icmpv6-type packet-too-big -j ACCEPT"
                : "iptables -I INPUT -p icmp --icmp-type fragmentation-needed -j ACCEPT";
    }
}
