package io.pmtuwatch.stream.sink;

import java.util.Optional;

/**
 * The parts of a path id ({@code agentId|address|transport|port|v4|v6}, the documented format of
 * {@code io.pmtuwatch.schemas.PathIds}). Anomaly and link records name paths only by id; parsing it
 * gives their documents the same agent, target and IP-version fields as diagnoses, so one dashboard
 * control filters every panel.
 */
public record PathIdParts(String agentId, String address, String transport, int port, String networkType) {

    public static Optional<PathIdParts> parse(String pathId) {
        if (pathId == null) {
            return Optional.empty();
        }
        String[] parts = pathId.split("\\|", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        String type = switch (parts[4]) {
            case "v4" -> "ipv4";
            case "v6" -> "ipv6";
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PathIdParts(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]), type));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
