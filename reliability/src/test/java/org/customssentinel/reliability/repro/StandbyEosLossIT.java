package org.customssentinel.reliability.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.localstack.kafka.EmbeddedKafka;
import org.customssentinel.localstack.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A reproduction of the classic group protocol's loss of records under exactly_once_v2 with a standby
 * (docs/kafka-standby-eos-loss.md), with nothing of Customs Sentinel in it: one broker, a copy app of one stateful
 * sub-topology twice over ({@link StandbyEosApp}) in three JVMs with one standby, a steady keyed input, and a few rounds of
 * SIGKILL and restart. Every input record must come out once for a read_committed reader; the test fails listing what
 * did not. Off by default: {@code -Dsentinel.repro.standby-loss=classic} (or {@code streams}, the protocol that should
 * not lose), {@code -Dsentinel.repro.rounds=N} (default 6), {@code -Dsentinel.fault.seed=S},
 * {@code -Dsentinel.repro.guarantee=at_least_once} (duplicates: the check failing),
 * {@code -Dsentinel.repro.process-millis=M} (each record takes M ms: a loaded machine).
 */
@EnabledIfSystemProperty(named = "sentinel.repro.standby-loss", matches = "classic|streams")
class StandbyEosLossIT {

    private static final int PARTITIONS = 12;
    private static final int INSTANCES = 3;
    /** Records per second: enough that every task always has output not yet committed when a rebalance comes. */
    private static final int RATE = 1_000;

    @Test
    void everyRecordComesOutOnceThroughKillsWithAStandby() throws Exception {
        String protocol = System.getProperty("sentinel.repro.standby-loss");
        int rounds = Integer.getInteger("sentinel.repro.rounds", 6);
        // at_least_once duplicates what a killed instance processed but did not commit: how we know the check can fail.
        String guarantee = System.getProperty("sentinel.repro.guarantee", "exactly_once_v2");
        long processMillis = Long.getLong("sentinel.repro.process-millis", 0);
        long seed = Optional.ofNullable(System.getProperty("sentinel.fault.seed")).filter(s -> !s.isBlank()).map(Long::parseLong)
                .orElseGet(() -> new Random().nextLong() & 0xffff_ffffL);
        System.out.printf("Standby loss reproduction: %s protocol, %s, %d ms a record, %d rounds, seed %d (repeat with -Dsentinel.fault.seed=%d)%n",
                protocol, guarantee, processMillis, rounds, seed, seed);
        Random random = new Random(seed);
        Path work = Files.createDirectories(Path.of("target", "repro", protocol + "-" + seed)).toAbsolutePath();
        String run = "repro-" + UUID.randomUUID().toString().substring(0, 6);
        String input = run + "-in";
        String middle = run + "-middle";
        String output = run + "-out";

        try (EmbeddedKafka kafka = EmbeddedKafka.start(new KafkaSettings(1, 0, Optional.empty()));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, PARTITIONS, (short) 1), new NewTopic(middle, PARTITIONS, (short) 1),
                            new NewTopic(output, PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            AppProcess.Settings settings = new AppProcess.Settings(kafka.bootstrapServers(), run, protocol, guarantee, processMillis, input,
                    middle, output);
            List<AppProcess> apps = new ArrayList<>();
            Set<Long> acknowledged = new ConcurrentSkipListSet<>();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(() -> produce(kafka.bootstrapServers(), input, acknowledged, producing), "repro-producer");
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    apps.add(AppProcess.start(settings, work, "app-" + i));
                }
                producer.start();
                Thread.sleep(20_000);
                for (int round = 1; round <= rounds; round++) {
                    int victim = random.nextInt(INSTANCES);
                    Thread.sleep(2_000 + random.nextInt(3_000));
                    System.out.printf("round %d: SIGKILL %s at %d acknowledged%n", round, apps.get(victim).name(), acknowledged.size());
                    apps.get(victim).kill();
                    // Back about when the session timeout (6 s) ends: its join starts a rebalance while the survivors
                    // are taking over the victim's tasks from their standbys, which is the window of the loss.
                    Thread.sleep(5_000 + random.nextInt(4_000));
                    apps.set(victim, AppProcess.start(settings, work, "app-" + victim));
                    Thread.sleep(20_000);
                }
                producing.set(false);
                producer.join(30_000);
                awaitCaughtUp(admin, run, List.of(input, middle), protocol.equals("streams"), Duration.ofMinutes(5));
            } finally {
                producing.set(false);
                // No app outlives the test, whatever failed.
                apps.forEach(AppProcess::stop);
            }

            Map<Long, Integer> copies = readCommitted(kafka.bootstrapServers(), output);
            Set<Long> missing = new TreeSet<>(acknowledged);
            missing.removeAll(copies.keySet());
            Set<Long> duplicated = new TreeSet<>();
            copies.forEach((value, count) -> {
                if (count > 1) {
                    duplicated.add(value);
                }
            });
            System.out.printf("REPRO-RESULT | %s | rounds %d | in %d | out %d | missing %d | duplicated %d | seed %d | logs %s%n", protocol,
                    rounds, acknowledged.size(), copies.size(), missing.size(), duplicated.size(), seed, work);
            assertTrue(missing.isEmpty(), missing.size() + " input records never came out, e.g. " + missing.stream().limit(20).toList());
            assertEquals(Set.of(), duplicated, "records that came out more than once");
        }
    }

    /** Keys spread the values over every partition; only what the broker acknowledged counts as input. */
    private static void produce(String bootstrap, String topic, Set<Long> acknowledged, AtomicBoolean producing) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Long> producer = new KafkaProducer<>(config, new StringSerializer(), new LongSerializer())) {
            long next = 0;
            long started = System.nanoTime();
            while (producing.get()) {
                long value = next++;
                producer.send(new ProducerRecord<>(topic, "key-" + value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
                long due = started + next * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Until the app's committed offsets reach the ends of the topics it reads: everything it will ever process,
     * processed. The middle topic grows while a backlog of the input is worked off, so its ends are read anew each time.
     */
    private static void awaitCaughtUp(Admin admin, String group, List<String> topics, boolean streamsGroup, Duration limit) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = streamsGroup
                    ? admin.listStreamsGroupOffsets(Map.of(group, new ListStreamsGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group)
                            .get(30, TimeUnit.SECONDS)
                    : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            // Read after the committed offsets: an end that grows meanwhile shows as not yet reached.
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            boolean done = ends.entrySet().stream()
                    .allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
            if (done) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the app did not catch up within " + limit + ": ends " + ends + ", committed " + committed);
            }
            Thread.sleep(1_000);
        }
    }

    private static Map<Long, Integer> readCommitted(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Long, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new LongDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(500))) {
                    copies.merge(record.value(), 1, Integer::sum);
                }
            }
        }
        return copies;
    }
}
