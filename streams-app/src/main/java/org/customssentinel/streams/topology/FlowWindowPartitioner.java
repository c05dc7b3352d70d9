package org.customssentinel.streams.topology;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.StreamPartitioner;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.KeyPartitions;

/**
 * Every window of a flow to one partition of customs.flows.windowed (murmur2 of the flow key, like Kafka's), so one
 * instance holds a flow's whole series and the query API finds it with one lookup.
 */
public final class FlowWindowPartitioner implements StreamPartitioner<String, FlowWindow> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, FlowWindow value, int numPartitions) {
        return Optional.of(Set.of(partitionOf(FlowKeys.flowOfWindowedTopicKey(key), numPartitions)));
    }

    /** The partition of a flow's windows: its contributions' (the flow's task writes them). */
    public static int partitionOf(String flowKey, int numPartitions) {
        return KeyPartitions.of(flowKey, numPartitions);
    }
}
