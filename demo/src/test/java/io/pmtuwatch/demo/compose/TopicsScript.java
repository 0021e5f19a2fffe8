package io.pmtuwatch.demo.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker/kafka/create-topics.sh as data: the topics it creates with their cleanup policy, and the
 * environment variables it reads (upper-case names; its own locals are lower-case).
 */
record TopicsScript(Map<String, String> cleanupPolicyByTopic, Set<String> variables) {

    static final String PATH = "docker/kafka/create-topics.sh";
    private static final Pattern CREATE = Pattern.compile("^create\\s+(\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern CLEANUP = Pattern.compile("cleanup\\.policy=(\\w+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    static TopicsScript read(Path root) throws IOException {
        String script = Files.readString(root.resolve(PATH));
        Map<String, String> topics = new LinkedHashMap<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            Matcher cleanup = CLEANUP.matcher(create.group(2));
            topics.put(create.group(1), cleanup.find() ? cleanup.group(1) : "delete");
        }
        Set<String> variables = new TreeSet<>();
        Matcher variable = VARIABLE.matcher(script);
        while (variable.find()) {
            variables.add(variable.group(1));
        }
        return new TopicsScript(topics, variables);
    }
}
