package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.probe.trace.TraceProtocol;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.settings.Durations;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the targets file: a YAML list of entries
 * <pre>
 * - host: example.net      # required: name or address
 *   port: 443              # 1-65535, required for tcp/udp; absent for icmp
 *   protocol: tcp          # tcp (default), udp or icmp
 *   ip: auto               # 4, 6 or auto (default)
 *   interval: 60s          # 1s .. 24h, default 60s (ms, s, m, h; a bare number is seconds)
 *   netns: lab-agent       # optional: probe from this network namespace (lab use)
 *   return_path: auto      # tcp only: test the return direction too: auto (HTTP or TLS by well-known
 *                          # port), http, tls or off (default)
 *   http_path: /big.bin    # path of that test's HTTP GET, default /
 *   probe: auto            # how the path is traced: udp, tcp (SYNs to port; root or CAP_NET_RAW), or
 *                          # auto (default): udp, then tcp to port when the target answers no udp or echo
 * </pre>
 * YAML is composed into nodes rather than objects, so every value keeps its position and every
 * error, syntactic or semantic, says "file:line:column". All problems are reported at once.
 */
public final class TargetsFileParser {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofHours(24);
    private static final Set<String> KEYS = Set.of("host", "port", "protocol", "ip", "interval", "netns",
            "return_path", "http_path", "probe");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]+");
    private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TargetsFileParser() {
    }

    public static List<TargetSpec> parse(Path file) throws TargetsFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new TargetsFileException(List.of(file + ": cannot read targets file: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** Parses {@code text}; {@code fileName} is used in messages only. */
    public static List<TargetSpec> parse(String text, String fileName) throws TargetsFileException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new TargetsFileException(List.of(at(fileName, mark) + "not valid YAML: " + what.strip()));
        } catch (YAMLException e) {
            throw new TargetsFileException(List.of(fileName + ": not valid YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof SequenceNode list)) {
            String where = root == null ? fileName + ":1:1: " : at(fileName, root.getStartMark());
            throw new TargetsFileException(List.of(where + "expected a list of targets (\"- host: ...\")"));
        }
        List<TargetSpec> targets = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Node item : list.getValue()) {
            Entry entry = new Entry(fileName, item, problems);
            TargetSpec target = entry.toTarget();
            if (target == null) {
                continue;
            }
            String identity = target.host().toLowerCase(Locale.ROOT) + "|" + target.port() + "|" + target.protocol()
                    + "|" + target.ip() + "|" + target.netns();
            Integer firstLine = seen.putIfAbsent(identity, target.line());
            if (firstLine != null) {
                problems.add(at(fileName, item.getStartMark()) + "duplicate of the target on line " + firstLine);
                continue;
            }
            targets.add(target);
        }
        if (problems.isEmpty() && targets.isEmpty()) {
            problems.add(fileName + ":1:1: no targets");
        }
        if (!problems.isEmpty()) {
            throw new TargetsFileException(problems);
        }
        return List.copyOf(targets);
    }

    static String at(String fileName, Mark mark) {
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
    }

    /** One list item being validated; problems are collected, not thrown. */
    private static final class Entry {
        private final String fileName;
        private final Node node;
        private final List<String> problems;
        private final Map<String, ScalarNode> values = new HashMap<>();
        /** This entry's problems with their position in the file, reported in file order. */
        private final java.util.TreeMap<Integer, List<String>> found = new java.util.TreeMap<>();

        Entry(String fileName, Node node, List<String> problems) {
            this.fileName = fileName;
            this.node = node;
            this.problems = problems;
        }

        TargetSpec toTarget() {
            TargetSpec target = validate();
            found.values().forEach(problems::addAll);
            return found.isEmpty() ? target : null;
        }

        private TargetSpec validate() {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, "expected a target with keys " + sorted(KEYS));
                return null;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    problem(tuple.getKeyNode(), "expected a key");
                    continue;
                }
                if (!KEYS.contains(key.getValue())) {
                    problem(key, "unknown key '" + key.getValue() + "' (known: " + sorted(KEYS) + ")");
                } else if (values.containsKey(key.getValue())) {
                    // compose() builds nodes only; snakeyaml checks duplicate keys when constructing objects.
                    problem(key, "duplicate key " + key.getValue() + " (first on line "
                            + (values.get(key.getValue()).getStartMark().getLine() + 1) + ")");
                } else if (!(tuple.getValueNode() instanceof ScalarNode value)) {
                    problem(tuple.getValueNode(), "'" + key.getValue() + "' must be a single value");
                } else {
                    values.put(key.getValue(), value);
                }
            }
            String host = host();
            Transport protocol = protocol();
            int port = port(protocol);
            IpPreference ip = ip();
            Duration interval = interval();
            String netns = netns();
            TargetSpec.ReturnPathSpec returnPath = returnPath(protocol, port);
            TraceProtocol probe = probe(protocol);
            if (!found.isEmpty()) {
                return null;
            }
            return new TargetSpec(host, port, protocol, ip, interval, netns, node.getStartMark().getLine() + 1,
                    returnPath, probe);
        }

        private String host() {
            ScalarNode value = values.get("host");
            if (value == null) {
                problem(node, "missing 'host'");
                return null;
            }
            if (!HOST.matcher(value.getValue()).matches()) {
                problem(value, "'" + value.getValue() + "' is not a host name or address");
                return null;
            }
            return value.getValue();
        }

        private Transport protocol() {
            ScalarNode value = values.get("protocol");
            if (value == null) {
                return Transport.TCP;
            }
            return switch (value.getValue().toLowerCase(Locale.ROOT)) {
                case "tcp" -> Transport.TCP;
                case "udp" -> Transport.UDP;
                case "icmp" -> Transport.ICMP;
                default -> {
                    problem(value, "unknown protocol '" + value.getValue() + "' (use tcp, udp or icmp)");
                    yield null;
                }
            };
        }

        private int port(Transport protocol) {
            ScalarNode value = values.get("port");
            if (value == null) {
                if (protocol == Transport.TCP || protocol == Transport.UDP) {
                    problem(node, "missing 'port' (required for " + protocol.name().toLowerCase(Locale.ROOT) + ")");
                }
                return 0;
            }
            if (protocol == Transport.ICMP) {
                problem(value, "icmp targets have no port");
                return 0;
            }
            try {
                int port = Integer.parseInt(value.getValue().trim());
                if (port < 1 || port > 65535) {
                    problem(value, "port " + port + " is out of range (1-65535)");
                }
                return port;
            } catch (NumberFormatException e) {
                problem(value, "port '" + value.getValue() + "' is not a number");
                return 0;
            }
        }

        private IpPreference ip() {
            ScalarNode value = values.get("ip");
            if (value == null) {
                return IpPreference.AUTO;
            }
            return IpPreference.parse(value.getValue()).orElseGet(() -> {
                problem(value, "ip '" + value.getValue() + "' must be 4, 6 or auto");
                return null;
            });
        }

        private Duration interval() {
            ScalarNode value = values.get("interval");
            if (value == null) {
                return DEFAULT_INTERVAL;
            }
            Duration interval = parseInterval(value.getValue());
            if (interval == null) {
                problem(value, "interval '" + value.getValue() + "' is not a duration (e.g. 500ms, 30s, 5m, 1h)");
            } else if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
                problem(value, "interval " + value.getValue() + " is out of range (1s-24h)");
            }
            return interval;
        }

        private static Duration parseInterval(String text) {
            try {
                return Durations.parse("targets file interval", text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private String netns() {
            ScalarNode value = values.get("netns");
            if (value == null) {
                return null;
            }
            if (!NETNS.matcher(value.getValue()).matches()) {
                problem(value, "netns '" + value.getValue() + "' is not a namespace name");
            }
            return value.getValue();
        }

        private TargetSpec.ReturnPathSpec returnPath(Transport protocol, int port) {
            ScalarNode value = values.get("return_path");
            ScalarNode path = values.get("http_path");
            if (path != null && !path.getValue().startsWith("/")) {
                problem(path, "http_path '" + path.getValue() + "' must start with /");
            }
            if (value == null) {
                if (path != null) {
                    problem(path, "http_path needs return_path (auto or http)");
                }
                return TargetSpec.ReturnPathSpec.OFF;
            }
            ReturnRequest request;
            try {
                request = ReturnRequest.parse(value.getValue());
            } catch (IllegalArgumentException e) {
                problem(value, e.getMessage());
                return TargetSpec.ReturnPathSpec.OFF;
            }
            if (request != ReturnRequest.OFF && protocol != Transport.TCP) {
                problem(value, "return_path needs protocol tcp");
            } else if (request == ReturnRequest.AUTO && port > 0 && request.forPort(port).isEmpty()) {
                problem(value, "return_path auto: port " + port + " is neither a well-known HTTP nor TLS port"
                        + " (say http or tls)");
            }
            return new TargetSpec.ReturnPathSpec(request, path == null ? "/" : path.getValue());
        }

        private TraceProtocol probe(Transport protocol) {
            ScalarNode value = values.get("probe");
            if (value == null) {
                return TraceProtocol.AUTO;
            }
            try {
                TraceProtocol probe = TraceProtocol.parse(value.getValue());
                if (probe == TraceProtocol.TCP && protocol != Transport.TCP) {
                    problem(value, "probe tcp needs protocol tcp (the SYNs go to the service's TCP port)");
                }
                return probe;
            } catch (IllegalArgumentException e) {
                problem(value, e.getMessage());
                return TraceProtocol.AUTO;
            }
        }

        private void problem(Node where, String what) {
            found.computeIfAbsent(where.getStartMark().getIndex(), k -> new ArrayList<>())
                    .add(at(fileName, where.getStartMark()) + what);
        }

        private static String sorted(Set<String> keys) {
            return String.join(", ", keys.stream().sorted().toList());
        }
    }
}
