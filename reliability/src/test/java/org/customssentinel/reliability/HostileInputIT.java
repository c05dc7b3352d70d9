package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.streams.app.Replays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The producer validates, but anything can write to customs.declarations. A corpus of hostile records written with a
 * plain Kafka producer before and after a replay: each invalid one lands on the rejected topic with its reason,
 * partition and offset, the newer-version one is counted, the app never stops, the replay around them raises the same
 * alerts as without them, and /metrics counts every reason.
 */
@ExtendWith(FaultSuite.class)
class HostileInputIT {


    private final FaultSuite.Context suite;

    HostileInputIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    /** Where a hostile record was written, and what it was. */
    private record Written(HostileCorpus.Hostile hostile, int partition, long offset) {
    }

    @Test
    void shouldRejectEveryHostileRecordWithItsReasonAndRaiseTheSameAlertsAroundThem() throws Exception {
        Random random = suite.random("hostile-input");
        Pipeline pipeline = suite.pipeline("hostile");
        String topic = pipeline.topics().declarations();
        try (Admin admin = Admin.create(pipeline.clients())) {
            // Room for the 5 MB record, so that the app, not the broker, has to deal with it.
            admin.createTopics(List.of(new NewTopic(topic, java.util.Optional.of(6), java.util.Optional.empty())
                    .configs(Map.of("retention.ms", "-1", "max.message.bytes", String.valueOf(8 * 1024 * 1024))))).all()
                    .get(60, TimeUnit.SECONDS);
        }
        pipeline.loadReference();
        List<Written> written = new ArrayList<>();
        String metrics;
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(pipeline.clients());
             SentinelProcess streams = pipeline.streams("a", List.of())) {
            int declarationId = registry.register(topic + "-value", Declaration.getClassSchema());
            HostileCorpus corpus = new HostileCorpus(registry, pipeline.topics().prefix(), declarationId);
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            try (KafkaProducer<String, byte[]> producer = plainProducer(pipeline)) {
                written.addAll(send(producer, topic, HostileCorpus.shuffled(corpus.records("HOSTILE-A-", Instant.parse("2021-01-06T12:00:00Z")),
                        random)));
                assertOverTheLimitRefused(producer, topic, corpus);
            }
            try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--timeout", "PT3M"))) {
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(3)), produce.tail());
            }
            try (KafkaProducer<String, byte[]> producer = plainProducer(pipeline)) {
                written.addAll(send(producer, topic, HostileCorpus.shuffled(corpus.records("HOSTILE-B-", Instant.parse("2023-12-29T12:00:00Z")),
                        random)));
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            assertTrue(streams.isAlive(), "the app never stops: " + streams.tail());
            metrics = Pipeline.metrics(streams);
            streams.stop(Duration.ofMinutes(1));
        }

        Map<String, RejectedRecord> rejectedAt = new HashMap<>();
        for (RejectedRecord rejected : new TopicReader(pipeline.clients()).<RejectedRecord>values(pipeline.topics().rejected())) {
            if (rejected.getPartition() != null) {
                rejectedAt.put(rejected.getPartition() + "@" + rejected.getOffset(), rejected);
            }
        }
        Outcome outcome = pipeline.outcome();
        Map<String, Long> expectedByReason = new TreeMap<>();
        for (Written w : written) {
            RejectedRecord rejected = rejectedAt.get(w.partition() + "@" + w.offset());
            if (w.hostile().expectedReason() == null) {
                assertEquals(null, rejected, w.hostile().kind() + " is accepted");
                assertEquals(1L, outcome.enriched().get(w.hostile().key()), w.hostile().kind() + " is counted once");
                continue;
            }
            assertNotNull(rejected, w.hostile().kind() + " at partition " + w.partition() + " offset " + w.offset() + " is on the rejected topic");
            List<String> codes = rejected.getReasons().stream().map(r -> r.getCode()).toList();
            assertTrue(codes.contains(w.hostile().expectedReason()), w.hostile().kind() + ": expected " + w.hostile().expectedReason() + ", was "
                    + rejected.getReasons());
            assertEquals(topic, rejected.getSource(), w.hostile().kind());
            expectedByReason.merge(w.hostile().expectedReason(), 1L, Long::sum);
        }
        expectedByReason.forEach((reason, count) -> {
            Matcher counted = Pattern.compile("^sentinel_records_rejected_total\\{reason=\"" + reason + "\"} (\\S+)$", Pattern.MULTILINE)
                    .matcher(metrics);
            assertTrue(counted.find() && Double.parseDouble(counted.group(1)) >= count, "/metrics counts " + count + " " + reason);
        });
        System.out.printf("FAULT-RESULT | hostile corpus of %d kinds sent twice | rejected by reason %s | FINAL clean %d | FINAL with corpus %d"
                + " | seed %d%n", written.size() / 2, expectedByReason, suite.clean().finals().size(), outcome.finals().size(), suite.seed());
        assertTrue(written.size() / 2 >= 20, "at least 20 kinds: " + written.size() / 2);
        assertTrue(suite.clean().finals().equals(outcome.finals()), "the replay around them raises the same FINAL alerts: "
                + Replays.difference(suite.clean().finals(), outcome.finals()));
        assertEquals(Map.of(), outcome.duplicateFinals());
        for (String id : suite.ids().ids()) {
            assertEquals(1L, outcome.enriched().getOrDefault(id, 0L), id + " enriched once");
        }
    }

    private static KafkaProducer<String, byte[]> plainProducer(Pipeline pipeline) {
        Map<String, Object> configs = new HashMap<>(pipeline.clients());
        configs.remove("schema.registry.url");
        configs.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        configs.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(configs, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<Written> send(KafkaProducer<String, byte[]> producer, String topic, List<HostileCorpus.Hostile> corpus) throws Exception {
        List<Written> written = new ArrayList<>();
        for (HostileCorpus.Hostile hostile : corpus) {
            RecordMetadata at = producer.send(new ProducerRecord<>(topic, hostile.key(), hostile.value())).get(60, TimeUnit.SECONDS);
            written.add(new Written(hostile, at.partition(), at.offset()));
        }
        return written;
    }

    /** Past the topic's max.message.bytes the broker refuses the record, and the producer says so. */
    private static void assertOverTheLimitRefused(KafkaProducer<String, byte[]> producer, String topic, HostileCorpus corpus) throws Exception {
        byte[] value = corpus.overTheLimit("HOSTILE-OVERSIZE", Instant.parse("2021-01-06T12:00:00Z"));
        try {
            producer.send(new ProducerRecord<>(topic, "HOSTILE-OVERSIZE", value)).get(60, TimeUnit.SECONDS);
            throw new AssertionError("a " + value.length + "-byte record was taken");
        } catch (ExecutionException e) {
            assertInstanceOf(RecordTooLargeException.class, e.getCause(), String.valueOf(e.getCause()));
            System.out.println("a " + value.length + "-byte record: " + e.getCause().getMessage());
        }
    }
}
