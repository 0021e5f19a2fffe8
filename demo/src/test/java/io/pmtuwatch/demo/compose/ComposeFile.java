package io.pmtuwatch.demo.compose;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docker-compose.yml as the tests read it: YAML anchors and merge keys resolved (SnakeYAML does
 * both, as Compose does), with typed accessors for the few parts the checks look at.
 */
final class ComposeFile {

    private final Path root;
    private final Map<String, Object> document;

    private ComposeFile(Path root, Map<String, Object> document) {
        this.root = root;
        this.document = document;
    }

    static ComposeFile load(Path root) throws IOException {
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> document = new Yaml(new LoaderOptions()).load(reader);
            return new ComposeFile(root, document);
        }
    }

    Path root() {
        return root;
    }

    Map<String, Object> services() {
        return map(document.get("services"));
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        if (service.isEmpty()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return service;
    }

    Map<String, Object> namedVolumes() {
        return map(document.get("volumes"));
    }

    /** Environment of a service, in either of Compose's forms (mapping, or a list of KEY=VALUE). */
    Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> mapping) {
            mapping.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String text = String.valueOf(item);
                int eq = text.indexOf('=');
                out.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
            }
        }
        return out;
    }

    String image(String name) {
        return String.valueOf(service(name).get("image"));
    }

    /** The service's own build section (empty when it runs an image built elsewhere or pulled). */
    Map<String, Object> build(String name) {
        return map(service(name).get("build"));
    }

    /**
     * The docker/Dockerfile target that makes a service's image, when it is one of ours: its own build's,
     * or that of the service that builds the same image.
     */
    Optional<String> buildTarget(String name) {
        String image = image(name);
        for (String other : services().keySet()) {
            Map<String, Object> build = build(other);
            if (!build.isEmpty() && image(other).equals(image)) {
                return Optional.of(String.valueOf(build.get("target")));
            }
        }
        return Optional.empty();
    }

    /** The first word of the service's command: which subcommand of our jar it runs. */
    Optional<String> subcommand(String name) {
        Object command = service(name).get("command");
        if (command instanceof List<?> words && !words.isEmpty()) {
            return Optional.of(String.valueOf(words.get(0)));
        }
        if (command instanceof String line && !line.isBlank()) {
            return Optional.of(line.trim().split("\\s+")[0]);
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
