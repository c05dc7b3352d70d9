package org.customssentinel.streams.flow;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a string key (murmur2 of its UTF-8 bytes): where a declaration lands
 * on the input topic, and where the app sends a flow's events and windows, so that one flow lives on one partition.
 */
public final class KeyPartitions {

    private KeyPartitions() {
    }

    public static int of(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
