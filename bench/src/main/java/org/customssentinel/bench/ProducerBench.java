package org.customssentinel.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.write.DeclarationWriter;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.serde.AvroSerializer;

/**
 * {@code sentinel produce} of a pre-generated file against Kafka's ProducerPerformance with the same record count,
 * average record size, producer settings and partitions, each in its own JVM, alternating rounds.
 */
final class ProducerBench {

    private static final Pattern SUMMARY = Pattern.compile("accepted \\d+ declarations .* \\(([\\d,]+) declarations/s\\)");
    private static final Pattern PERF = Pattern.compile("\\d+ records sent, ([\\d.]+) records/sec");

    /** The declarations topic's partitions as `produce` creates it by default. */
    private static final int PARTITIONS = 6;

    private final BenchRun run;

    ProducerBench(BenchRun run) {
        this.run = run;
    }

    void measure(List<Declaration> declarations, Figures figures) throws IOException, InterruptedException {
        PrintWriter out = run.out();
        Path input = run.work().resolve("chpl-surge.csv.gz");
        try (DeclarationWriter writer = DeclarationWriter.open(input)) {
            for (Declaration d : declarations) {
                writer.write(d);
            }
        }
        int recordSize = averageSize(declarations);
        run.progress("producer: %,d declarations from %s, average Avro value %d bytes", declarations.size(), input.getFileName(), recordSize);
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int round = 1; round <= run.warmup() + run.rounds(); round++) {
            double rate = ChildJvm.last(ChildJvm.sentinel(run.jvm(), List.of("produce", input.toString(),
                    "--topic", "bench.produce." + round, "--rejected-topic", "bench.produce-rejected." + round,
                    "--partitions", String.valueOf(PARTITIONS),
                    "--bootstrap-servers", run.bootstrap(), "--schema-registry-url", run.registry())).run(), SUMMARY);
            // Onto as many partitions as ours: ProducerPerformance would auto-create one, where every batch fills at once.
            // It cannot key its records or add headers, so it still spreads them by sticky batches, not by key.
            String perfTopic = "bench.perf." + round;
            createTopic(perfTopic);
            // The settings `produce` uses (RecordProducers): idempotent, acks=all, lz4, 256 KiB batches, 20 ms linger.
            double perfRate = ChildJvm.last(ChildJvm.mainClass(run.jvm(), "org.apache.kafka.tools.ProducerPerformance", List.of(
                    "--topic", perfTopic, "--num-records", String.valueOf(declarations.size()),
                    "--record-size", String.valueOf(recordSize), "--throughput", "-1",
                    "--producer-props", "bootstrap.servers=" + run.bootstrap(), "acks=all", "enable.idempotence=true",
                    "compression.type=lz4", "linger.ms=20", "batch.size=262144", "buffer.memory=67108864")).run(), PERF);
            boolean measured = round > run.warmup();
            if (measured) {
                ours.add(rate);
                baseline.add(perfRate);
            }
            run.progress("producer %s: produce %,.0f declarations/s, ProducerPerformance %,.0f records/s (%.2f)",
                    run.roundName(round), rate, perfRate, rate / perfRate);
        }
        figures.bench(out, "produce.rate", BenchRun.median(ours), "declarations/s", "produce: declarations/s from a file");
        figures.bench(out, "producer-performance.rate", BenchRun.median(baseline), "records/s", "Kafka ProducerPerformance: records/s, same size");
        figures.ratio(out, "produce/producer-performance", BenchRun.median(ours) / BenchRun.median(baseline),
                "produce / ProducerPerformance", 0.40);
    }

    private void createTopic(String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic + " for ProducerPerformance: " + e.getMessage(), e);
        }
    }

    /** The average Avro-serialized value, as the producer will send it. */
    private static int averageSize(List<Declaration> declarations) {
        String scope = "bench-" + System.nanoTime();
        try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
            long bytes = 0;
            for (Declaration d : declarations) {
                bytes += serializer.serialize("bench", d).length;
            }
            return (int) (bytes / Math.max(1, declarations.size()));
        } finally {
            MockSchemaRegistry.drop(scope);
        }
    }
}
