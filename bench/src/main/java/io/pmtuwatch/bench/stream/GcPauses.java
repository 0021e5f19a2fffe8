package io.pmtuwatch.bench.stream;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The JVM's stop-the-world collections while it listens, as {@link LatencyWindow.Event}s on the window's clock:
 * the bench runs the apps in its own JVM, so a collector pause stops the topology, its clients and the
 * bench's publisher and consumer at once.
 */
final class GcPauses implements AutoCloseable {

    private final long windowStartEpochMs;
    private final long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final List<LatencyWindow.Event> pauses = Collections.synchronizedList(new ArrayList<>());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::handle;

    GcPauses(long windowStartEpochMs) {
        this.windowStartEpochMs = windowStartEpochMs;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void handle(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        // Concurrent cycles (G1's, for instance) do not stop the application: only pauses count.
        if (info.getGcName().contains("Concurrent") || info.getGcAction().contains("concurrent")) {
            return;
        }
        long at = jvmStartEpochMs + info.getGcInfo().getStartTime() - windowStartEpochMs;
        pauses.add(new LatencyWindow.Event(at, info.getGcInfo().getDuration(), info.getGcName() + " (" + info.getGcCause() + ")"));
    }

    List<LatencyWindow.Event> pauses() {
        synchronized (pauses) {
            return List.copyOf(pauses);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // added in the constructor; nothing to remove is fine at close
            }
        }
    }
}
