package org.customssentinel.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * Alert latency as ops see it: declarations published at a steady pace (a fraction of the full topology's measured
 * rate) to the full topology in its own JVM, and each alert timed from its declaration's {@code sentinel.published-at}
 * header to the moment a read_committed consumer receives it, that is, after the app's transaction commits. The
 * enriched declarations are timed the same way: they are out after the first of the two commits an alert waits for
 * (the declaration's task, then its flow's), and there are as many as declarations, so their percentiles hold still
 * where the alerts' tail is a handful of records.
 */
final class AlertLatency {

    private static final String TOPIC = "bench.latency.declarations";
    private static final String OUTPUTS = "bench.latency.";

    /** The pace, and the latencies of the alerts and of the enriched declarations. */
    record Result(double rate, Latencies alerts, Latencies enriched) {
    }

    /** Milliseconds from publication to a read_committed reader, one per record read, sorted once. */
    record Latencies(List<Long> millis) {

        Latencies {
            millis = millis.stream().sorted().toList();
        }

        double percentile(double p) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * millis.size()) - 1;
            return millis.get(Math.max(0, Math.min(millis.size() - 1, index)));
        }

        boolean isEmpty() {
            return millis.isEmpty();
        }

        int size() {
            return millis.size();
        }
    }

    private final BenchRun run;

    AlertLatency(BenchRun run) {
        this.run = run;
    }

    /**
     * {@code warmup}: paced like the rest, its records not counted: the app's JVM has just started, and while its JIT
     * compiler warms up it falls behind the pace and then works the backlog off (here, at half the rate, about 20 s
     * after its start): counted, that catch-up was the whole p99. {@code declarations} (chpl-surge at {@code scale})
     * are generated again at a larger scale when the pace and length need more of them than they are.
     */
    Result measure(List<Declaration> declarations, double scale, double rate, Duration length, Duration warmup) throws Exception {
        long wanted = Math.max(1, (long) (rate * (length.toSeconds() + warmup.toSeconds())));
        List<Declaration> paced = declarations.size() >= wanted ? declarations
                : BenchInput.chplSurge(scale * wanted / declarations.size() * 1.02);
        long count = Math.min(paced.size(), wanted);
        if (count < wanted) {
            run.progress("latency: %,d declarations for %,d wanted: the run measures %.0f s, not %d", count, wanted,
                    count / rate - warmup.toSeconds(), length.toSeconds());
        }
        PublishConfig config = BenchInput.config(run, TOPIC);
        Preflight.prepareDeclarationTopics(config);
        CountDownLatch running = new CountDownLatch(1);
        ChildJvm.Running app = ChildJvm.bench(run.jvm(), run.benchApp(BenchAppCommand.Kind.FULL, "bench-latency", count,
                "--input", TOPIC, "--output-prefix", OUTPUTS, "--surge-reference", StreamsBench.PRE_SANCTIONS)).start(line -> {
                    if (line.equals("bench-app running")) {
                        running.countDown();
                    }
                });
        if (!running.await(2, TimeUnit.MINUTES)) {
            app.await();
            throw new IllegalStateException("the latency run's streams app did not start within 2 minutes");
        }
        long countFrom = System.currentTimeMillis() + warmup.toMillis();
        List<Long> alerts = Collections.synchronizedList(new ArrayList<>());
        List<Long> enriched = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> readers = List.of(reader(new TopicNames(OUTPUTS).alerts(), countFrom, alerts, stop),
                reader(new TopicNames(OUTPUTS).enriched(), countFrom, enriched, stop));
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
                publisher.send(paced.get(i));
            }
            publisher.flush();
        }
        app.await();
        // The app's last commit is in; give the readers a moment to see it.
        Thread.sleep(2_000);
        stop.set(true);
        for (Thread reader : readers) {
            reader.join(10_000);
        }
        return new Result(rate, new Latencies(alerts), new Latencies(enriched));
    }

    private Thread reader(String topic, long countFrom, List<Long> latencies, AtomicBoolean stop) {
        Thread reader = new Thread(() -> read(topic, countFrom, latencies, stop), "bench-latency-" + topic);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Records of {@code topic} from declarations published from {@code countFrom} (epoch ms) on. */
    private void read(String topic, long countFrom, List<Long> latencies, AtomicBoolean stop) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrap());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // A flag rather than an interrupt: an interrupted consumer logs its close as an error.
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Header published = record.headers().lastHeader(SentinelHeaders.PUBLISHED_AT);
                    long publishedAt = published == null ? -1 : Long.parseLong(new String(published.value(), StandardCharsets.US_ASCII));
                    if (publishedAt >= countFrom) {
                        latencies.add(System.currentTimeMillis() - publishedAt);
                    }
                }
            }
        }
    }
}
