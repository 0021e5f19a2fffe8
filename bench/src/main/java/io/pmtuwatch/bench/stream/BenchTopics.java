package io.pmtuwatch.bench.stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.clients.admin.ListTopicsOptions;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one bench run leaves on the broker, and its removal at the end: every topic it creates (inputs, outputs,
 * dead letters) and every one Kafka Streams creates for its apps (changelogs, repartition topics), and the apps'
 * consumer groups. All their names start with {@code bench-} and hold {@code -<run id>}.
 */
final class BenchTopics {

    private BenchTopics() {
    }

    /** Whether a topic or group of this name belongs to the bench run {@code runId}. */
    static boolean ownedBy(String name, String runId) {
        if (!name.startsWith("bench-")) {
            return false;
        }
        int at = name.indexOf("-" + runId);
        int end = at + 1 + runId.length();
        // The id ends the name or a dash follows it: run "abc" does not own run "abcd"'s topics.
        return at >= 0 && (end == name.length() || name.charAt(end) == '-');
    }

    /**
     * Deletes the run's topics, then its consumer groups; returns how many topics went. A group that still has a
     * member (an app that could not leave it at its close) stays until the broker expires it.
     */
    static int delete(Admin admin, String runId) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(30, TimeUnit.SECONDS)
                .stream().filter(t -> ownedBy(t, runId)).sorted().toList();
        if (!topics.isEmpty()) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(GroupListing::groupId).filter(g -> ownedBy(g, runId)).toList();
        if (groups.isEmpty()) {
            return topics.size();
        }
        for (var deletion : admin.deleteConsumerGroups(groups).deletedGroups().values()) {
            try {
                deletion.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupNotEmptyException)) {
                    throw e;
                }
            }
        }
        return topics.size();
    }
}
