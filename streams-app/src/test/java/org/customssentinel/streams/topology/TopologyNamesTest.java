package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTopics;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.Test;

/**
 * The names a running app's state hangs on, against a reviewed copy: every processor, store, source and sink, and the
 * changelog and repartition topics Kafka Streams derives from them. Renaming a store or an internal topic starts that
 * state from nothing on upgrade, so such a change must be deliberate: it comes with an upgrade path, and the golden
 * file is rewritten with {@code -Dsentinel.golden.update=true} in the same commit.
 */
class TopologyNamesTest {

    private static final String GOLDEN = "/topology/customs-sentinel.names";

    @Test
    void shouldKeepEveryNameAStatefulUpgradeReliesOn() throws IOException {
        Topology topology = SentinelTopology.build(new TopologySettings(
                TopologySettings.Topics.defaults(StreamsSettings.DEFAULT_APPLICATION_ID), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1,
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://topology-names", AvroSerdeConfig.SPECIFIC_AVRO_READER, true)));
        String actual = String.join("\n", names(topology)) + "\n";
        if (Boolean.getBoolean("sentinel.golden.update")) {
            Files.writeString(Path.of("src/test/resources" + GOLDEN), actual);
        }
        assertEquals(golden(), actual, "the topology's names changed: state under an old name is lost on upgrade unless it moves");
    }

    private static SortedSet<String> names(Topology topology) {
        // Internal topics first: describing the topology groups its nodes, which must come after its configuration.
        SortedSet<String> lines = new TreeSet<>(TopologyTopics.of(topology, StreamsSettings.DEFAULT_APPLICATION_ID));
        TopologyDescription description = topology.describe();
        description.globalStores().forEach(global -> lines.add("global store " + global.processor().stores() + " <- "
                + global.source().topicSet() + " via " + global.source().name() + ", " + global.processor().name()));
        description.subtopologies().forEach(sub -> {
            sub.nodes().forEach(node -> lines.add(line(node)));
            // Task ids, and so the local state directories, are numbered by sub-topology.
            SortedSet<String> stores = new TreeSet<>();
            sub.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            });
            lines.add("sub-topology " + sub.id() + " stores " + stores);
        });
        return lines;
    }

    private static String line(TopologyDescription.Node node) {
        if (node instanceof TopologyDescription.Source source) {
            return "source " + source.name() + " <- " + source.topicSet();
        }
        if (node instanceof TopologyDescription.Sink sink) {
            return "sink " + sink.name() + " -> " + (sink.topic() != null ? sink.topic() : "(topic chosen per record)");
        }
        TopologyDescription.Processor processor = (TopologyDescription.Processor) node;
        return "processor " + processor.name() + (processor.stores().isEmpty() ? "" : " stores " + new TreeSet<>(processor.stores()));
    }

    private static String golden() throws IOException {
        try (InputStream in = TopologyNamesTest.class.getResourceAsStream(GOLDEN)) {
            return in == null ? "(no golden file " + GOLDEN + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
