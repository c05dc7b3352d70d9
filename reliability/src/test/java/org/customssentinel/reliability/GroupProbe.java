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
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberAssignment;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupSubtopologyDescription;
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

    private final boolean streamsGroup;

    /** {@code streamsGroup}: the app runs the streams rebalance protocol, so its group is a streams group. */
    GroupProbe(Map<String, Object> clients, String group, boolean streamsGroup) {
        this.admin = Admin.create(clients);
        this.group = group;
        this.streamsGroup = streamsGroup;
    }

    /** The partitions of {@code topics} the instance with this client id (as {@link Pipeline#streams} sets it) consumes now. */
    Set<TopicPartition> partitionsOf(String instance, Set<String> topics) throws Exception {
        Set<TopicPartition> owned = new HashSet<>();
        for (Member member : describe().members()) {
            if (member.clientId().startsWith(instance + "-")) {
                member.active().stream().filter(p -> topics.contains(p.topic())).forEach(owned::add);
            }
        }
        return owned;
    }

    /** Waits until the group is stable with {@code members} members, each holding some partitions. */
    void awaitMembers(int members, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            View view = describe();
            long holding = view.members().stream().filter(m -> !m.active().isEmpty()).count();
            if (holding == members && view.stable()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " did not settle on " + members + " members within " + limit + ": " + view.described());
            }
            Thread.sleep(500);
        }
    }

    Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = streamsGroup
                ? admin.listStreamsGroupOffsets(Map.of(group, new ListStreamsGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group)
                        .get(30, TimeUnit.SECONDS)
                : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, all.containsKey(p) ? all.get(p).offset() : -1L));
        return offsets;
    }

    /**
     * Seconds from {@code killedAtNanos} until every partition in {@code before} has a committed offset beyond the one it
     * had then; the input must keep flowing meanwhile (a paced replay), or an idle partition would never move.
     */
    double secondsUntilAllMoved(Map<TopicPartition, Long> before, long killedAtNanos, Duration limit, String victim) throws Exception {
        Set<TopicPartition> waiting = new HashSet<>(before.keySet());
        // Where the failover's time goes: when the group let the victim go, when each of its partitions moved again.
        Map<String, Double> timeline = new java.util.LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() - killedAtNanos > limit.toNanos()) {
                throw new AssertionError("partitions " + waiting + " not processed again within " + limit + " of the kill; " + timeline);
            }
            double at = (System.nanoTime() - killedAtNanos) / 1e9;
            if (!timeline.containsKey("victim left the group") && !isMember(victim)) {
                timeline.put("victim left the group", at);
            }
            Map<TopicPartition, Long> now = committed(waiting);
            for (TopicPartition p : Set.copyOf(waiting)) {
                if (now.get(p) > before.get(p)) {
                    waiting.remove(p);
                    timeline.put(p.topic().replaceAll(".*\\.customs\\.", "").replaceAll("^app-.*-flow-events", "flow-events") + "-" + p.partition(), at);
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        System.out.printf("failover timeline, seconds after the kill: %s%n", timeline.entrySet().stream()
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList());
        return (System.nanoTime() - killedAtNanos) / 1e9;
    }

    private boolean isMember(String instance) throws Exception {
        return describe().members().stream().anyMatch(m -> m.clientId().startsWith(instance + "-"));
    }

    /** A member by client id and the partitions it processes now. */
    private record Member(String clientId, Set<TopicPartition> active) {
    }

    /** The group as either kind describes it; {@code described}: the whole description, for messages. */
    private record View(List<Member> members, boolean stable, Object described) {
    }

    private View describe() throws Exception {
        if (streamsGroup) {
            StreamsGroupDescription description = admin.describeStreamsGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            List<Member> members = description.members().stream()
                    .map(m -> new Member(m.clientId(), activePartitions(description, m))).toList();
            return new View(members, description.groupState().toString().equals("Stable"), description);
        }
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
        List<Member> members = description.members().stream()
                .map(m -> new Member(m.clientId(), Set.copyOf(m.assignment().topicPartitions()))).toList();
        return new View(members, description.groupState().toString().equals("Stable"), description);
    }

    /** A streams group assigns tasks (sub-topology and partition): the partitions of their source topics. */
    private static Set<TopicPartition> activePartitions(StreamsGroupDescription description, StreamsGroupMemberDescription member) {
        Map<String, List<String>> sources = new HashMap<>();
        for (StreamsGroupSubtopologyDescription subtopology : description.subtopologies()) {
            sources.put(subtopology.subtopologyId(), subtopology.sourceTopics());
        }
        Set<TopicPartition> owned = new HashSet<>();
        for (StreamsGroupMemberAssignment.TaskIds tasks : member.assignment().activeTasks()) {
            for (String topic : sources.getOrDefault(tasks.subtopologyId(), List.of())) {
                tasks.partitions().forEach(p -> owned.add(new TopicPartition(topic, p)));
            }
        }
        return owned;
    }

    @Override
    public void close() {
        admin.close();
    }
}
