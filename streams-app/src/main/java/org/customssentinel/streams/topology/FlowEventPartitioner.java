package org.customssentinel.streams.topology;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.processor.StreamPartitioner;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.streams.flow.KeyPartitions;

/** Contributions go to their flow's partition (murmur2 of the key, like Kafka's); watermarks go to every partition. */
public final class FlowEventPartitioner implements StreamPartitioner<String, FlowEvent> {

    static final String WATERMARK_KEY = "~watermark";

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, FlowEvent value, int numPartitions) {
        if (value.getWatermark() != null) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    /** The flow partition of a flow's contributions: which flows share one is what tests of partition counts vary. */
    public static int partitionOf(String flowKey, int numPartitions) {
        return KeyPartitions.of(flowKey, numPartitions);
    }
}
