package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.LinkType;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

import java.io.IOException;

/**
 * A live pcap handle on one interface with a kernel filter, and the link type our decoder reads it
 * with. Shared by the handshake capture and the passive sensor; lives in the network namespace of
 * the opening thread.
 */
public record LiveHandle(PcapHandle handle, LinkType linkType) {

    /**
     * A handle whose reads return at once, null when nothing is there: immediate mode ignores the read
     * timeout, so a blocking read would wait for a packet that may never come (a SYN-ACK that returns
     * over another interface of a multipath host, a target that never answers).
     */
    public static LiveHandle openNonBlocking(String interfaceName, int snaplen, int bufferBytes, String filter)
            throws IOException {
        LiveHandle live = open(interfaceName, snaplen, 10, bufferBytes, false, filter);
        try {
            live.handle().setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
        } catch (PcapNativeException | NotOpenException e) {
            live.handle().close();
            throw new IOException("cannot make the capture non-blocking: " + e.getMessage(), e);
        }
        return live;
    }

    /**
     * @param promiscuous whether to see traffic not addressed to this host (the passive sensor does)
     */
    public static LiveHandle open(String interfaceName, int snaplen, int readTimeoutMillis, int bufferBytes,
                                  boolean promiscuous, String filter) throws IOException {
        PcapLibrary.configure();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(snaplen)
                    .promiscuousMode(promiscuous ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(readTimeoutMillis)
                    .bufferSize(bufferBytes)
                    // Without immediate mode libpcap may hold packets until its buffer block fills.
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IOException("cannot capture on " + interfaceName + ": " + e.getMessage(), e);
        }
        try {
            int dlt = handle.getDlt().value();
            LinkType linkType = LinkType.ofDlt(dlt)
                    .orElseThrow(() -> new IOException("unsupported link type " + dlt + " on " + interfaceName));
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            return new LiveHandle(handle, linkType);
        } catch (PcapNativeException | NotOpenException | IOException e) {
            handle.close();
            throw e instanceof IOException io ? io : new IOException("cannot set capture filter: " + e.getMessage(), e);
        }
    }
}
