package org.customssentinel.localstack.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Kafka nodes as real processes: a SIGKILLed node is restarted by the supervisor and rejoins every ISR, and a
 * cluster started again on its directory has its topics, records and committed offsets.
 */
class LocalClusterIT {

    private static final String TOPIC = "cluster.check";

    @TempDir
    Path home;

    @Test
    void shouldRestartAKilledNodeAndComeBackWithItsDataOnTheSameDirectory() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ClusterSettings settings = new ClusterSettings(3, 0, home, Optional.of(Duration.ofSeconds(2)),
                Duration.ofSeconds(90), ClusterSettings.DEFAULT_JVM_OPTIONS);
        long started = System.nanoTime();
        String clusterId;
        try (LocalCluster cluster = LocalCluster.start(settings, events::add)) {
            double readySeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("three nodes ready in %.1f s: %s%n", readySeconds, cluster.bootstrapServers());
            assertTrue(readySeconds < 60, "ready in under a minute, took " + readySeconds + " s");
            clusterId = cluster.clusterId();
            Set<Long> pids = Set.of(cluster.node(0).pid(), cluster.node(1).pid(), cluster.node(2).pid());
            assertEquals(3, pids.size(), "each node is its own process");
            assertTrue(pids.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()));

            try (Admin admin = admin(cluster)) {
                // No replication factor given: the broker's default, as for the project's and Streams' own topics.
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all()
                        .get(30, TimeUnit.SECONDS);
                assertEquals(3, description(admin).partitions().get(0).replicas().size(), "replication factor");
                ConfigEntry minIsr = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC)))
                        .all().get(30, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas");
                assertEquals("2", minIsr.value());
            }
            produce(cluster, 0, 100);

            long victimPid = cluster.node(1).pid();
            cluster.node(1).kill();
            // Writes with acks=all go on while one of three is down: two replicas are still in sync.
            produce(cluster, 100, 200);
            awaitEvent(events, "Kafka node 1 restarted");
            assertTrue(events.get(0).startsWith("Kafka node 1 (pid " + victimPid + ") died with exit code 137"),
                    String.valueOf(events));
            assertNotEquals(victimPid, cluster.node(1).pid(), "a new process");
            try (Admin admin = admin(cluster)) {
                awaitFullIsr(admin);
            }
            commitOffsets(cluster, "cluster-check", 150);
            try (Admin admin = admin(cluster)) {
                assertEquals(150, committedTotal(admin, "cluster-check"), "committed before the restart");
            }
        }

        try (LocalCluster again = LocalCluster.start(ClusterSettings.forTests(3, home), line -> { })) {
            assertEquals(clusterId, again.clusterId(), "the same cluster, not a new one");
            try (Admin admin = admin(again)) {
                // The new group coordinator loads __consumer_offsets after it starts; give it that time.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long committed = committedTotal(admin, "cluster-check");
                while (committed != 150 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    committed = committedTotal(admin, "cluster-check");
                }
                assertEquals(150, committed, "committed offsets survive a restart");
            }
            assertEquals(200, countRecords(again), "every acknowledged record is still there");
        }
    }

    private static void produce(LocalCluster cluster, int from, int to) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                // Partition i % 3 so each partition gets a known count: offsets below are sums over partitions.
                producer.send(new ProducerRecord<>(TOPIC, i % 3, "k" + i, "v" + i)).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void commitOffsets(LocalCluster cluster, String group, long total) {
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(
                new TopicPartition(TOPIC, 0), new OffsetAndMetadata(50),
                new TopicPartition(TOPIC, 1), new OffsetAndMetadata(50),
                new TopicPartition(TOPIC, 2), new OffsetAndMetadata(total - 100));
        try (KafkaConsumer<String, String> consumer = consumer(cluster, group)) {
            consumer.commitSync(offsets, Duration.ofSeconds(60));
        }
    }

    private static int countRecords(LocalCluster cluster) {
        try (KafkaConsumer<String, String> consumer = consumer(cluster, "count-" + System.nanoTime())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1),
                    new TopicPartition(TOPIC, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count < 200 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                count += records.count();
            }
            return count;
        }
    }

    private static KafkaConsumer<String, String> consumer(LocalCluster cluster, String group) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin(LocalCluster cluster) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    private static long committedTotal(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static TopicDescription description(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
    }

    private static void awaitFullIsr(Admin admin) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        TopicDescription topic = description(admin);
        while (topic.partitions().stream().anyMatch(p -> p.isr().size() < 3)) {
            assertTrue(System.nanoTime() < deadline, "the restarted node rejoins every ISR: " + topic);
            Thread.sleep(500);
            topic = description(admin);
        }
    }

    private static void awaitEvent(List<String> events, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (events.stream().noneMatch(line -> line.startsWith(prefix))) {
            assertTrue(System.nanoTime() < deadline, "no '" + prefix + "' line; events: " + events);
            Thread.sleep(200);
        }
    }
}
