package io.pmtuwatch.demo.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/Dockerfile as the checks read it: the global ARG defaults (pinned base images), and each
 * stage's FROM, ARG, ENV, COPY and RUN instructions (line continuations joined).
 */
record Dockerfile(Map<String, String> globalArgs, Map<String, Stage> stages) {

    static final String PATH = "docker/Dockerfile";
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S*))?$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S*)$");

    /** One build stage: its base, and its instructions by kind. */
    record Stage(String from, Map<String, String> args, Map<String, String> env, List<String> copies, List<String> runs) {
    }

    static Dockerfile read(Path root) throws IOException {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage stage = null;
        for (String line : instructions(Files.readAllLines(root.resolve(PATH)))) {
            Matcher m;
            if ((m = FROM.matcher(line)).matches()) {
                stage = new Stage(m.group(1), new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
                stages.put(m.group(2) == null ? "stage-" + stages.size() : m.group(2), stage);
            } else if ((m = ARG.matcher(line)).matches()) {
                (stage == null ? globalArgs : stage.args()).put(m.group(1), m.group(2));
            } else if (stage != null && (m = ENV.matcher(line)).matches()) {
                stage.env().put(m.group(1), m.group(2));
            } else if (stage != null && line.startsWith("COPY ")) {
                stage.copies().add(line);
            } else if (stage != null && line.startsWith("RUN ")) {
                stage.runs().add(line);
            }
        }
        return new Dockerfile(globalArgs, stages);
    }

    /** A stage's base image with the global ARG defaults filled in. */
    String baseImage(String stage) {
        String from = stages.get(stage).from();
        for (Map.Entry<String, String> arg : globalArgs.entrySet()) {
            from = from.replace("${" + arg.getKey() + "}", String.valueOf(arg.getValue()));
        }
        return from;
    }

    private static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                out.add(current.append(line).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return out;
    }
}
