package org.apache.kafka.streams;

import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder;

/**
 * The internal topics a topology creates, as Kafka Streams names them for an application id: what a running app's
 * state lives in. Kafka's own tests read them this way (its {@code TopologyWrapper}); only this package sees the
 * builder.
 */
public final class TopologyTopics {

    private TopologyTopics() {
    }

    /** Lines {@code changelog NAME (source topic reused)?} and {@code repartition NAME}, sorted. */
    public static SortedSet<String> of(Topology topology, String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        InternalTopologyBuilder builder = topology.internalTopologyBuilder;
        builder.setApplicationId(applicationId);
        builder.rewriteTopology(new StreamsConfig(props));
        // Building the processor topology is what maps each logged store to its changelog.
        builder.buildTopology();
        SortedSet<String> lines = new TreeSet<>();
        builder.subtopologyToTopicsInfo().values().forEach(info -> {
            info.stateChangelogTopics.keySet().forEach(topic -> lines.add("changelog " + topic
                    + (info.sourceTopicChangelogs().contains(topic) ? " (source topic reused)" : "")));
            info.repartitionSourceTopics.keySet().forEach(topic -> lines.add("repartition " + topic));
        });
        return lines;
    }
}
