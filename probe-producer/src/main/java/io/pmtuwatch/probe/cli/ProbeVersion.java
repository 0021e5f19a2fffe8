package io.pmtuwatch.probe.cli;

import picocli.CommandLine;

/** {@code --version}: the version the build wrote into the jar's manifest (nothing was printed before). */
public final class ProbeVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ProbeVersion.class.getPackage().getImplementationVersion();
        return new String[] {"pmtu-probe " + (version == null ? "(development build)" : version)};
    }
}
