package org.customssentinel.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.customssentinel.localstack.cluster.ClusterStack;
import org.customssentinel.localstack.cluster.KafkaNode;

/** What the fault tests ask of the cluster itself: who leads a partition, and whether every replica is back in sync. */
final class ClusterHealth {

    private ClusterHealth() {
    }

    /** The node leading {@code partition} of {@code topic} now. */
    static int leaderOf(ClusterStack stack, String topic, int partition) throws Exception {
        try (Admin admin = admin(stack)) {
            TopicPartitionInfo info = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().get(partition);
            if (info.leader() == null) {
                throw new AssertionError(topic + "-" + partition + " has no leader");
            }
            return info.leader().id();
        }
    }

    /** Starts every node a test left down (a test that failed half-way too), then waits for full ISRs. */
    static void restoreAll(ClusterStack stack) throws Exception {
        for (KafkaNode node : stack.cluster().nodes()) {
            if (!node.isAlive()) {
                stack.cluster().restart(node.id());
            }
        }
        awaitFullIsr(stack, Duration.ofMinutes(3));
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again: the next test may kill any node, and
     * must not find the cluster already short of a replica.
     */
    static void awaitFullIsr(ClusterStack stack, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = admin(stack)) {
            while (true) {
                Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS);
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                long short_ = descriptions.values().stream().flatMap(d -> d.partitions().stream())
                        .filter(p -> p.isr().size() < p.replicas().size()).count();
                if (short_ == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(short_ + " partitions still short of in-sync replicas after " + limit);
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static Admin admin(ClusterStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }
}
