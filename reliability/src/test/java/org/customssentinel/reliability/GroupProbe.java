package org.customssentinel.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a streams app's consumer group from outside: which input partitions an instance holds, and when their
 * committed offsets move again after it died. Under exactly-once an offset is committed only with the outputs of what
 * came before it, so "committed again" means "processed again", by whichever instance took the task over.
 */
final class GroupProbe implements AutoCloseable {

    private final Admin admin;
    private final String group;

    GroupProbe(Map<String, Object> clients, String group) {
        this.admin = Admin.create(clients);
        this.group = group;
    }

    /** The partitions of {@code topics} the instance with this client id (as {@link Pipeline#streams} sets it) consumes now. */
    Set<TopicPartition> partitionsOf(String instance, Set<String> topics) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
        Set<TopicPartition> owned = new HashSet<>();
        for (MemberDescription member : description.members()) {
            if (member.clientId().startsWith(instance + "-")) {
                member.assignment().topicPartitions().stream().filter(p -> topics.contains(p.topic())).forEach(owned::add);
            }
        }
        return owned;
    }

    /** Waits until the group is stable with {@code members} members, each holding some partitions. */
    void awaitMembers(int members, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            long holding = description.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
            if (holding == members && description.groupState().toString().equals("Stable")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " did not settle on " + members + " members within " + limit + ": " + description);
            }
            Thread.sleep(500);
        }
    }

    Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, all.containsKey(p) ? all.get(p).offset() : -1L));
        return offsets;
    }

    /**
     * Seconds from {@code killedAtNanos} until every partition in {@code before} has a committed offset beyond the one it
     * had then; the input must keep flowing meanwhile (a paced replay), or an idle partition would never move.
     */
    double secondsUntilAllMoved(Map<TopicPartition, Long> before, long killedAtNanos, Duration limit) throws Exception {
        Set<TopicPartition> waiting = new HashSet<>(before.keySet());
        while (!waiting.isEmpty()) {
            if (System.nanoTime() - killedAtNanos > limit.toNanos()) {
                throw new AssertionError("partitions " + waiting + " not processed again within " + limit + " of the kill");
            }
            Map<TopicPartition, Long> now = committed(waiting);
            waiting.removeIf(p -> now.get(p) > before.get(p));
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return (System.nanoTime() - killedAtNanos) / 1e9;
    }

    @Override
    public void close() {
        admin.close();
    }
}
