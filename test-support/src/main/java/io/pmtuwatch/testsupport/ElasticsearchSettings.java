package io.pmtuwatch.testsupport;

import java.nio.file.Path;

/** The {@code elasticsearch.yml} of a test node. */
final class ElasticsearchSettings {

    private ElasticsearchSettings() {
    }

    static String forRun(Path runDirectory) {
        return String.join("\n",
                "cluster.name: pmtuwatch-tests",
                "node.name: pmtuwatch-tests",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                // Port 0: the kernel picks free ports, so parallel test JVMs never collide and no port
                // can be taken between choosing it and binding it. The node writes the ports it got
                // to logs/http.ports and logs/transport.ports.
                "http.port: 0",
                "transport.port: 0",
                "node.portsfile: true",
                "path.data: " + runDirectory.resolve("data"),
                "path.logs: " + runDirectory.resolve("logs"),
                "xpack.security.enabled: false",
                // A nearly full shared disk must not keep shards unassigned (cluster never yellow).
                "cluster.routing.allocation.disk.threshold_enabled: false",
                // Lets tests clean up with wildcards (DELETE /pmtu-*); this node holds test data only.
                "action.destructive_requires_name: false",
                "");
    }
}
