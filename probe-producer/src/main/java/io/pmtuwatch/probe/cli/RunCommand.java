package io.pmtuwatch.probe.cli;

import io.pmtuwatch.schemas.client.DependencyWait;
import io.pmtuwatch.schemas.client.KafkaReachability;
import ch.qos.logback.classic.Level;
import io.pmtuwatch.probe.agent.AgentConfig;
import io.pmtuwatch.probe.agent.AgentConfigLoader;
import io.pmtuwatch.probe.agent.AgentSetting;
import io.pmtuwatch.probe.agent.ConfigException;
import io.pmtuwatch.probe.agent.NamespaceRunner;
import io.pmtuwatch.probe.agent.PathProber;
import io.pmtuwatch.probe.agent.ProbeAgent;
import io.pmtuwatch.probe.agent.TargetSpec;
import io.pmtuwatch.probe.agent.TargetsFileException;
import io.pmtuwatch.probe.agent.TargetsFileParser;
import io.pmtuwatch.probe.agent.TracerPathProber;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.trace.TraceSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code run}: the agent. Probes the targets of a targets file on a schedule and publishes every
 * run's observations to Kafka until SIGTERM/SIGINT, then finishes runs in flight and flushes.
 * Options are generated from {@link AgentSetting}, so the help lists every environment variable.
 */
@Command(name = "run", mixinStandardHelpOptions = true, modelTransformer = RunCommand.SettingOptions.class,
        description = {"Run the probe agent: probe every target of the targets file on its interval"
                + " (handshake first, then the trace) and publish the observations to Kafka.",
                "Settings come from options, then environment variables, then the config file, then defaults."},
        footer = {"", "Targets file: a YAML list, one entry per target:",
                "  - host: example.net   # name or address (required)",
                "    port: 443           # 1-65535; required for tcp/udp, absent for icmp",
                "    protocol: tcp       # tcp (default; adds the handshake MSS), udp, icmp",
                "    ip: auto            # 4, 6 or auto (default)",
                "    interval: 60s       # 1s-24h, default 60s",
                "    netns: lab-agent    # optional: probe from this netns (lab use, root)",
                "    return_path: auto   # optional, tcp: test the return direction too",
                "                        # (auto, http, tls)",
                "    probe: auto         # udp, tcp or auto (default: udp, then TCP SYNs to",
                "                        # port when the target answers no udp or echo);",
                "                        # TCP needs root or CAP_NET_RAW (setcap",
                "                        # cap_net_raw+ep on the java binary)",
                "", "Exit status: 0 ok; 1 a --once run failed or was not delivered;",
                "2 bad configuration."})
public final class RunCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int BAD_CONFIG = 2;
    static final int KAFKA_UNREACHABLE = 3;
    static final String CONFIG_ENV = "PMTU_AGENT_CONFIG";

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @CommandLine.Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Agent config file (YAML, keys as listed with each option). Env " + CONFIG_ENV + ".")
    Path configFile;

    @Option(names = "--once", description = "Probe every target once, wait for Kafka to acknowledge, and exit.")
    boolean once;

    @Option(names = {"-v", "--verbose"}, description = "Log one line per run (and start/stop) to stderr;"
            + " env PMTU_LOG_LEVEL=DEBUG shows more.")
    boolean verbose;

    private final Map<String, String> env;
    private final PathProber tracer;
    private final NamespaceRunner namespaces;

    public RunCommand() {
        this(System.getenv(), new TracerPathProber(TraceSettings.defaults()), NamespaceRunner.LINUX);
    }

    /** For tests: a given environment and tracer. */
    RunCommand(Map<String, String> env, PathProber tracer, NamespaceRunner namespaces) {
        this.env = env;
        this.tracer = tracer;
        this.namespaces = namespaces;
    }

    @Override
    public Integer call() throws Exception {
        configureLogging(verbose);
        AgentConfig config;
        List<TargetSpec> targets;
        try {
            Path file = configFile != null ? configFile : env.containsKey(CONFIG_ENV) ? Path.of(env.get(CONFIG_ENV))
                    : null;
            config = AgentConfigLoader.load(settingOptions(), env, file);
            targets = TargetsFileParser.parse(config.targetsFile());
        } catch (ConfigException | TargetsFileException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return BAD_CONFIG;
        }
        try {
            DependencyWait.await("Kafka", config.bootstrapServers(), KafkaReachability.ADVICE
                            + " (--bootstrap-servers / KAFKA_BOOTSTRAP_SERVERS, --kafka-config)",
                    new DependencyWait.Policy(java.time.Duration.ofSeconds(10), config.startupWait()),
                    KafkaReachability.check(config.bootstrapServers(), config.kafkaClientConfig()));
        } catch (DependencyWait.DependencyUnavailableException e) {
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return KAFKA_UNREACHABLE;
        }
        KafkaObservationPublisher publisher = KafkaObservationPublisher.create(config.bootstrapServers(),
                config.kafkaClientConfig(), "pmtu-agent-" + config.agentId(), config.hopTopic(), config.handshakeTopic(),
                config.deliveryTimeout());
        ProbeAgent agent = new ProbeAgent(config, targets, tracer, publisher, namespaces);
        if (once) {
            int failures = agent.runEachOnce();
            if (failures > 0) {
                spec.commandLine().getErr().println("run: " + failures + " of " + targets.size() + " runs failed");
            }
            return failures == 0 ? OK : RUN_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            LOG.info("stopping: finishing runs in flight, flushing Kafka");
            agent.shutdown();
            stopped.countDown();
        }, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            agent.start();
        } catch (UncheckedIOException e) {
            // The metrics port could not be bound: nothing was started.
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            agent.shutdown();
            spec.commandLine().getErr().println("run: " + e.getMessage());
            return BAD_CONFIG;
        }
        stopped.await();
        return OK;
    }

    private Map<AgentSetting, String> settingOptions() {
        Map<AgentSetting, String> values = new EnumMap<>(AgentSetting.class);
        for (AgentSetting setting : AgentSetting.values()) {
            OptionSpec option = spec.findOption(setting.option());
            if (option != null && option.getValue() != null) {
                values.put(setting, option.getValue());
            }
        }
        return values;
    }

    /**
     * Quiet by default (StderrLogging: WARN, or PMTU_LOG_LEVEL); -v raises the agent's own loggers to
     * INFO for one line per run, and never lowers a more verbose level set through PMTU_LOG_LEVEL.
     */
    static void configureLogging(boolean verbose) {
        if (verbose && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            ch.qos.logback.classic.Logger agentLogs = context.getLogger("io.pmtuwatch.probe");
            if (!agentLogs.isInfoEnabled()) {
                agentLogs.setLevel(Level.INFO);
            }
        }
    }

    /** Adds one option per {@link AgentSetting}, described by the setting itself. */
    public static final class SettingOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            for (AgentSetting setting : AgentSetting.values()) {
                commandSpec.addOption(OptionSpec.builder(setting.option())
                        .paramLabel(setting.configKey().toUpperCase(java.util.Locale.ROOT))
                        .type(String.class)
                        .description(setting.help())
                        .build());
            }
            return commandSpec;
        }
    }
}
