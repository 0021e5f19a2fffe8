package io.pmtuwatch.stream.topology;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.topology.internals.RunAssembler;
import io.pmtuwatch.stream.topology.internals.RunKeys;
import io.pmtuwatch.stream.topology.internals.RunProgress;
import io.pmtuwatch.stream.topology.internals.RunProgressSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs store reaches its changelog through Kafka Streams' own commit (the driver commits after
 * each record): run assembly keeps its writes until the commit, so this fails if Streams stops
 * flushing the store before it commits. Each commit logs the run as it is then.
 */
class RunsChangelogTopologyTest {

    private static final String APP = "runs-changelog-test";

    @TempDir
    Path stateDir;

    @Test
    void eachCommitLogsTheRunAsItIsThenAndTheLastOneItsFinishedMarker() {
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.APPLICATION_ID, APP))) {
            TestOutputTopic<String, RunProgress> changelog = fx.driver.createOutputTopic(
                    APP + "-" + RunAssembler.RUNS_STORE + "-changelog", Serdes.String().deserializer(),
                    new RunProgressSerde().deserializer());
            Agent agent = ObservationFixtures.agent("agent-logged");
            Target target = ObservationFixtures.target("10.61.0.1", Transport.UDP, 33434);
            List<HopObservation> run = ObservationFixtures.run(agent, target, "logged", TopologyFixture.WALL_START, 1400);
            String key = RunKeys.run(ObservationFixtures.pathId(agent, target), "logged");

            fx.pipe(run.subList(0, 1));
            List<TestRecord<String, RunProgress>> first = changelog.readRecordsToList();
            assertThat(first).extracting(TestRecord::key).containsExactly(key);
            assertThat(first.get(0).value().hopCount()).isEqualTo(1);
            assertThat(first.get(0).value().isFinished()).isFalse();

            fx.pipe(run.subList(1, run.size()));
            List<TestRecord<String, RunProgress>> rest = changelog.readRecordsToList();
            assertThat(rest).extracting(TestRecord::key).containsOnly(key);
            assertThat(rest.get(rest.size() - 1).value().isFinished()).isTrue();
        }
    }
}
