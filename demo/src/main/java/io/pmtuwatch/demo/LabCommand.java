package io.pmtuwatch.demo;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code pmtu-demo lab}: builds lab paths and keeps them up, so a person can trace them by hand. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Build network-namespace lab paths (root, Linux) and keep them up until Ctrl-C,",
                "printing for each the namespace to probe from and a trace command to try."})
final class LabCommand implements Callable<Integer> {

    @Option(names = {"-t", "--topology"}, paramLabel = "NAME", completionCandidates = Names.class,
            description = "Topology to build (repeatable; default: all). One of: ${COMPLETION-CANDIDATES}")
    List<String> topologies = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        String whyNot = LabAvailability.whyNot();
        if (whyNot != null) {
            System.err.println("lab: cannot build the lab here: " + whyNot);
            return 2;
        }
        List<ChainSpec> specs = new ArrayList<>();
        boolean ecmp = topologies.isEmpty() || topologies.contains(DemoPaths.ECMP_NAME);
        for (String name : topologies.isEmpty() ? names() : topologies) {
            if (name.equals(DemoPaths.ECMP_NAME)) {
                continue;
            }
            ChainSpec spec = catalogue().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (spec == null) {
                System.err.println("lab: no topology '" + name + "'; choose from " + String.join(", ", new Names()));
                return 2;
            }
            specs.add(spec);
        }
        List<AutoCloseable> labs = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            labs.forEach(LabCommand::closeQuietly);
            stop.countDown();
        }, "lab-teardown"));
        for (ChainSpec spec : specs) {
            Lab lab = Lab.build(spec);
            labs.add(lab);
            String v4 = lab.truth().serverAddress(Family.V4);
            out.printf("%-24s netns %-20s server %s%s port %d, PMTU %d%n", spec.name(), lab.agentNamespace(), v4,
                    spec.carriesIpv6() ? " / " + lab.truth().serverAddress(Family.V6) : "", lab.truth().tcpPort(),
                    lab.truth().pmtu());
            // The return-direction cases show nothing forward: their trace needs the return-path test.
            boolean returnCase = spec.returnLink().isPresent() || spec.serverDropsPtb();
            out.printf("    try: bin/pmtu-probe trace --netns %s --port %d%s %s%n", lab.agentNamespace(),
                    lab.truth().tcpPort(), returnCase ? " --return-path=http" : "", v4);
        }
        if (ecmp) {
            EcmpLab lab = EcmpLab.build(false);
            labs.add(lab);
            out.printf("%-24s netns %-20s server %s (two equal-cost members, one crosses a %d link)%n",
                    DemoPaths.ECMP_NAME, lab.agentNamespace(), EcmpLab.SERVER, EcmpLab.NARROW_MTU);
            out.printf("    try: bin/pmtu-probe trace --netns %s %s%n", lab.agentNamespace(), EcmpLab.SERVER);
        }
        out.println("lab up; Ctrl-C (or SIGTERM) removes it");
        stop.await();
        return 0;
    }

    /** Every chain: the seed's, the TCP-only targets and the return-direction cases (the default: all). */
    private static List<ChainSpec> catalogue() {
        List<ChainSpec> specs = new ArrayList<>(Topologies.all());
        specs.addAll(Topologies.tcpOnly());
        specs.addAll(Topologies.returnPath());
        return specs;
    }

    private static List<String> names() {
        return catalogue().stream().map(ChainSpec::name).collect(Collectors.toList());
    }

    private static void closeQuietly(AutoCloseable lab) {
        try {
            lab.close();
        } catch (Exception e) {
            System.err.println("lab: could not remove a lab: " + e);
        }
    }

    /** Every name {@code -t} takes, for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> all = new ArrayList<>(names());
            all.add(DemoPaths.ECMP_NAME);
            return all.iterator();
        }
    }
}
