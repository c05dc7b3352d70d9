package org.customssentinel.cli.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.schemas.topic.SentinelHeaders;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * Alert latency as ops see it: declarations published at a steady pace (half the full topology's measured rate) to
 * the full topology in its own JVM, and each alert timed from its declaration's {@code sentinel.published-at} header
 * to the moment a read_committed consumer receives it, that is, after the app's transaction commits.
 */
final class AlertLatency {

    private static final String TOPIC = "bench.latency.declarations";
    private static final String OUTPUTS = "bench.latency.";

    /** Latencies in milliseconds, and the pace. */
    record Result(double rate, long declarations, List<Long> latenciesMs) {

        double percentile(double p) {
            List<Long> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private final BenchRun run;

    AlertLatency(BenchRun run) {
        this.run = run;
    }

    /**
     * {@code warmup}: paced like the rest, its alerts not counted: the app's JVM has just started, and its first
     * seconds measure the JIT compiler.
     */
    Result measure(List<Declaration> declarations, double rate, Duration length, Duration warmup) throws Exception {
        long count = Math.min(declarations.size(), Math.max(1, (long) (rate * (length.toSeconds() + warmup.toSeconds()))));
        PublishConfig config = BenchInput.config(run, TOPIC);
        Preflight.prepareDeclarationTopics(config);
        CountDownLatch running = new CountDownLatch(1);
        ChildJvm.Running app = ChildJvm.sentinel(run.jvm(), List.of("bench-app", "FULL", "--bootstrap-servers", run.bootstrap(),
                "--schema-registry-url", run.registry(), "--application-id", "bench-latency", "--state-dir", run.work().resolve("bench-latency").toString(),
                "--count", String.valueOf(count), "--threads", String.valueOf(run.threads()), "--input", TOPIC, "--output-prefix", OUTPUTS,
                "--surge-reference", StreamsBench.PRE_SANCTIONS)).start(line -> {
                    if (line.equals("bench-app running")) {
                        running.countDown();
                    }
                });
        if (!running.await(2, TimeUnit.MINUTES)) {
            app.await();
            throw new IllegalStateException("the latency run's streams app did not start within 2 minutes");
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long countFrom = System.currentTimeMillis() + warmup.toMillis();
        Thread reader = new Thread(() -> readAlerts(new TopicNames(OUTPUTS).alerts(), countFrom, latencies), "bench-latency-alerts");
        reader.setDaemon(true);
        reader.start();
        run.progress("latency: %,d declarations at %,.0f/s (%s, the first %s not counted), alerts timed from publication to commit",
                count, rate, length.plus(warmup), warmup);
        try (DeclarationPublisher publisher = new DeclarationPublisher(config)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + (long) (i / rate * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                publisher.send(declarations.get(i));
            }
            publisher.flush();
        }
        app.await();
        // The app's last commit is in; give the reader a moment to see it.
        Thread.sleep(2_000);
        reader.interrupt();
        reader.join(10_000);
        return new Result(rate, count, List.copyOf(latencies));
    }

    /** Alerts of declarations published from {@code countFrom} (epoch ms) on. */
    private void readAlerts(String topic, long countFrom, List<Long> latencies) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Header published = record.headers().lastHeader(SentinelHeaders.PUBLISHED_AT);
                    long publishedAt = published == null ? -1 : Long.parseLong(new String(published.value(), StandardCharsets.US_ASCII));
                    if (publishedAt >= countFrom) {
                        latencies.add(System.currentTimeMillis() - publishedAt);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException stopped) {
            // Done.
        }
    }
}
