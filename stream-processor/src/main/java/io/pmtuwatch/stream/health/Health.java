package io.pmtuwatch.stream.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What {@code GET /health} answers: healthy or not, and why not.
 *
 * @param healthy        false when an orchestrator should restart or alert
 * @param state          Kafka Streams' state of this instance
 * @param problems       one sentence per reason it is unhealthy (empty when healthy)
 * @param waitingRecords input records waiting behind the committed offsets of this instance's tasks
 * @param threadFailures stream-thread failures within the failure window
 */
public record Health(boolean healthy, String state, List<String> problems, long waitingRecords, int threadFailures) {

    public ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("status", healthy ? "UP" : "DOWN");
        node.put("state", state);
        ArrayNode reasons = node.putArray("problems");
        problems.forEach(reasons::add);
        node.put("waitingRecords", waitingRecords);
        node.put("threadFailures", threadFailures);
        return node;
    }
}
