package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.TopologyDescription;

import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.SentinelTopology;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.Test;

/** What the app sets that Kafka Streams would not, and that a user's own setting wins over it. */
class SentinelStreamsPropertiesTest {

    @Test
    void shouldCommitTwiceASecondAndCacheStateBetweenCommits() {
        Properties props = SentinelStreams.properties(settings(Map.of()));

        assertEquals(500L, props.get("commit.interval.ms"));
        assertEquals(32L * 1024 * 1024, props.get("statestore.cache.max.bytes"));
    }

    /**
     * Idling orders the records of a task's several partitions; the app turns it off, which changes nothing only while
     * every task reads one partition: one source topic per sub-topology (global stores aside).
     */
    @Test
    void shouldIdleNoTaskSinceEveryTaskReadsOnePartition() {
        StreamsSettings settings = settings(Map.of());
        assertEquals(-1L, SentinelStreams.properties(settings).get("max.task.idle.ms"));

        TopologyDescription topology = SentinelTopology.build(settings.topology()).describe();
        assertTrue(topology.subtopologies().size() >= 2, topology.toString());
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            Set<String> topics = sub.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                    .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream()).collect(Collectors.toSet());
            assertEquals(1, topics.size(), "sub-topology " + sub.id() + " reads " + topics);
        }
    }

    @Test
    void shouldLeaveWhatTheUserSetAlone() {
        Properties props = SentinelStreams.properties(settings(Map.of("commit.interval.ms", "2000", "statestore.cache.max.bytes", "0")));

        assertEquals("2000", props.get("commit.interval.ms"));
        assertEquals("0", props.get("statestore.cache.max.bytes"));
    }

    private static StreamsSettings settings(Map<String, Object> clients) {
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults("sentinel-test"), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 6, Map.of("schema.registry.url", "mock://properties-test"));
        return new StreamsSettings("sentinel-test", clients, "exactly_once_v2", topology, 6, (short) 1, Path.of("/tmp/sentinel-test"),
                Duration.ofSeconds(60));
    }
}
