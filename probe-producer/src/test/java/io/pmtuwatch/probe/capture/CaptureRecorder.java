package io.pmtuwatch.probe.capture;

import io.pmtuwatch.linux.NetNamespace;
import io.pmtuwatch.probe.handshake.PcapLibrary;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;

/** Records an interface of a namespace to a pcap file (pcap4j's dumper), like tcpdump -w, until closed. */
final class CaptureRecorder implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CompletableFuture<Long> done;

    private CaptureRecorder(NetNamespace namespace, String interfaceName, Path file, CountDownLatch ready) {
        this.done = CompletableFuture.supplyAsync(() -> {
            try {
                return namespace.call(() -> record(interfaceName, file, ready));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static CaptureRecorder start(NetNamespace namespace, String interfaceName, Path file) throws Exception {
        PcapLibrary.configure();
        CountDownLatch ready = new CountDownLatch(1);
        CaptureRecorder recorder = new CaptureRecorder(namespace, interfaceName, file, ready);
        if (!ready.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("capture on " + interfaceName + " did not start: " + recorder.done);
        }
        return recorder;
    }

    private long record(String interfaceName, Path file, CountDownLatch ready) throws Exception {
        long frames = 0;
        try (PcapHandle handle = new PcapHandle.Builder(interfaceName).snaplen(65535)
                .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS).timeoutMillis(10)
                .immediateMode(true).build()) {
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            PcapDumper dumper = handle.dumpOpen(file.toString());
            ready.countDown();
            try {
                while (!stop.get()) {
                    byte[] bytes = handle.getNextRawPacket();
                    if (bytes == null) {
                        Thread.sleep(2);
                        continue;
                    }
                    dumper.dumpRaw(bytes, handle.getTimestamp());
                    frames++;
                }
            } finally {
                dumper.close();
            }
        }
        return frames;
    }

    /** Stops and returns the number of frames written. */
    long stop() throws Exception {
        Thread.sleep(300); // the last answers are on the wire
        stop.set(true);
        return done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        done.exceptionally(e -> 0L).get(10, TimeUnit.SECONDS);
    }
}
