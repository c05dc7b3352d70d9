package org.customssentinel.streams.topology;

import org.customssentinel.streams.flow.KeyPartitions;



/**
 * Which input partition a declaration's stream time is kept for. Live, a task reads one partition and keeps one stream
 * time. An offline run ({@code sentinel backtest}) reads a whole file through one task, yet must decide LATE and close
 * windows as the live app does on a topic of N partitions: it puts each declaration in the partition Kafka's producer
 * would have chosen for its key (murmur2, as our producer leaves the default partitioner), and keeps a stream time per
 * such partition.
 */
public final class InputLanes {

    private static final InputLanes LIVE = new InputLanes(0);

    private final int partitions;

    private InputLanes(int partitions) {
        this.partitions = partitions;
    }

    /** The partition each record was read from (the running app). */
    public static InputLanes live() {
        return LIVE;
    }

    /** The partition the producer's default partitioner picks for the record's key, among {@code partitions}. */
    public static InputLanes byKeyHash(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        return new InputLanes(partitions);
    }

    int laneOf(String key, int recordPartition) {
        if (partitions == 0) {
            return recordPartition;
        }
        return key == null ? 0 : KeyPartitions.of(key, partitions);
    }

    /** The store key of {@code name} for {@code lane}: live, the task's own partition, so the name alone (as it always was). */
    String stateKey(String name, int lane) {
        return partitions == 0 ? name : name + "|" + lane;
    }
}
