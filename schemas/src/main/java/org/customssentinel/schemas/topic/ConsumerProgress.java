package org.customssentinel.schemas.topic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group (a streams app) has got through a topic, as its committed offsets say. */
public final class ConsumerProgress {

    /** Transaction markers take offsets too: a group within this many of a partition's end has consumed all of it. */
    private static final long MARKER_SLACK = 2;

    private ConsumerProgress() {
    }

    /** Whether {@code group} has committed every record of every partition of {@code topic}. */
    public static boolean consumedAll(Admin admin, String group, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            if (at == null || end.getValue().offset() - at.offset() > MARKER_SLACK) {
                return false;
            }
        }
        return true;
    }

    /** How many records of {@code topic} {@code group} has committed, over all partitions (0 before its first commit). */
    public static long committed(Admin admin, String group, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset()).sum();
    }
}
