package io.pmtuwatch.settings;

import picocli.CommandLine;

/**
 * {@code --version} of every command of every app: the command's full name and the version the build
 * wrote into the jars' manifests, so {@code pmtu-probe}, {@code pmtu-stream sink} and {@code pmtu-bench
 * bench-stream} all print the same release. Top-level commands name it with {@code versionProvider} and
 * {@code scope = INHERIT}, so their subcommands print it too instead of an empty line.
 */
public final class BuildVersion implements CommandLine.IVersionProvider {

    /** What a build that did not come from a jar (classes directories: tests, an IDE) reports. */
    static final String DEVELOPMENT = "(development build)";

    @Override
    public String[] getVersion() {
        // picocli expands the variable to "pmtu-stream sink", "pmtu-probe", ...
        return new String[] {"${COMMAND-FULL-NAME} " + version()};
    }

    /** The release this code belongs to, from the manifest of the jar that holds it. */
    public static String version() {
        return of(BuildVersion.class.getPackage());
    }

    static String of(Package pkg) {
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null || version.isBlank() ? DEVELOPMENT : version;
    }
}
