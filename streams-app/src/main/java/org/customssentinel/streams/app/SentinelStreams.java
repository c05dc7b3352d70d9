package org.customssentinel.streams.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicProvisioner;
import org.customssentinel.schemas.topic.TopicTail;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.risk.OpenAlerts;
import org.customssentinel.streams.topology.InputLanes;
import org.customssentinel.streams.topology.SentinelTopology;
import org.customssentinel.streams.topology.StateStorage;
import org.customssentinel.streams.topology.TopologySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running app: topics provisioned, Kafka Streams started, closed cleanly. */
public final class SentinelStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentinelStreams.class);

    private final SchemaRegistryClient registry;
    /** Every instance's alerts, read whole, for the risk indicators of the declarations scored here. */
    private final TopicTail<Alert> alertTail;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile Throwable fatal;

    private SentinelStreams(StreamsSettings settings, SentinelMetrics metrics) {
        this.registry = SchemaRegistryClients.fromConfigs(settings.topology().serdeConfigs());
        OpenAlerts alerts = new OpenAlerts();
        this.alertTail = new TopicTail<>(StreamsGroupSettings.forPlainClients(settings.clientConfigs()), settings.topology().topics().alerts(), TopicTail.From.BEGINNING, alerts::add);
        this.streams = new KafkaStreams(SentinelTopology.build(settings.topology(), metrics, registry, InputLanes.live(), StateStorage.PERSISTENT,
                alerts), properties(settings));
        streams.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        ThreadFailures failures = new ThreadFailures(THREAD_REPLACEMENTS, THREAD_REPLACEMENT_WINDOW);
        streams.setUncaughtExceptionHandler(exception -> {
            StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response = failures.onFailure(exception, System.nanoTime());
            if (response == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
                log.warn("Stream thread failed, its transaction ended by the brokers (nothing of it committed); replacing the thread: {}",
                        exception.toString(), exception);
                return response;
            }
            fatal = exception;
            log.error("Stream thread failed; shutting the app down: {}", exception.toString(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /** Creates absent topics, then starts processing from the beginning of any backlog the first time. */
    public static SentinelStreams start(StreamsSettings settings) {
        return start(settings, SentinelMetrics.unexported());
    }

    /** As {@link #start(StreamsSettings)}, counting into {@code metrics}. */
    public static SentinelStreams start(StreamsSettings settings, SentinelMetrics metrics) {
        TopologySettings.Topics names = settings.topology().topics();
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        Map<String, Map<String, String>> reference = new LinkedHashMap<>();
        for (SentinelTopic topic : SentinelTopic.values()) {
            (topic.isReference() ? reference : topics).put(names.of(topic), topic.configs());
        }
        topics.put(names.flowEvents(), Map.of());
        TopicProvisioner provisioner = new TopicProvisioner(settings.clientConfigs(), settings.timeout());
        provisioner.ensure(topics, settings.partitions(), settings.replicationFactor());
        provisioner.ensure(reference, SentinelTopic.REFERENCE_PARTITIONS, settings.replicationFactor());
        // Windows close on the least watermark over every declarations partition, so the detector must know how many.
        int inputPartitions = provisioner.partitions(names.declarations());
        StreamsSettings joining = settings.withClientConfigs(StreamsGroupSettings.apply(settings.applicationId(), settings.clientConfigs(),
                settings.timeout()));
        SentinelStreams app = new SentinelStreams(joining.withTopology(settings.topology().withInputPartitions(inputPartitions)), metrics);
        app.alertTail.start();
        app.streams.start();
        log.info("Customs Sentinel streams app {} started ({}, classifications as of {}, {} input partitions)", settings.applicationId(),
                settings.processingGuarantee(), settings.topology().classificationMode(), inputPartitions);
        return app;
    }

    /** Waits until the app processes (state RUNNING); false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The running Kafka Streams, for interactive queries. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Why the app stopped by itself, if it did. */
    public Throwable failure() {
        return fatal;
    }

    /**
     * Leaves the consumer group on the way out (Kafka Streams by default does not), so the group rebalances at once
     * and {@code sentinel reset} need not wait out the session timeout after Ctrl-C.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        alertTail.close();
        registry.close();
    }

    /**
     * The commit interval under exactly-once unless configured (Kafka's own is 100 ms). Each commit ends a transaction
     * over every partition the app writes and first waits for the producer to flush: at 100 ms a replay spent about a
     * fifth of its stream thread's time waiting on commits (bench-streams, JFR). Outputs become visible to
     * read_committed readers at each commit, and a flow's alert waits for two (its declaration's task releases the
     * flow contribution, then the flow's task the alert): at 1 s the alerts' p99 was 2.1-2.2 s even with the app keeping
     * up, at 500 ms 1.1 s, with the full topology's rate the same within the noise (`bench --client
     * commit.interval.ms=500` against the default, two runs each).
     */
    public static final Duration EXACTLY_ONCE_COMMIT_INTERVAL = Duration.ofMillis(500);

    /** Stream threads replaced after their transaction was ended by the brokers, at most this many in the window below. */
    static final int THREAD_REPLACEMENTS = 5;
    static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    /** The producer's retry backoff under exactly-once: Kafka retried AddPartitionsToTxn after 20 ms before KIP-890. */
    static final Duration TRANSACTION_RETRY_BACKOFF = Duration.ofMillis(20);
    static final Duration TRANSACTION_RETRY_BACKOFF_MAX = Duration.ofMillis(200);

    /**
     * The thread cache, per instance: the open windows, flow histories and clocks written between two commits, so each
     * reaches RocksDB and its changelog once per commit rather than once per declaration. A replay at 10,000
     * declarations/s (1.4 flow contributions each) over many flows touches thousands of windows between two 500 ms
     * commits; Kafka's default (10 MiB shared by every task and store) leaves little headroom for more.
     */
    static final long THREAD_CACHE_BYTES = 32L * 1024 * 1024;

    /**
     * No idling: Kafka Streams holds a task back while another of its partitions has no data, to keep co-partitioned
     * inputs in timestamp order, but every task of this topology reads one partition, so there is nothing to wait for
     * (SentinelStreamsPropertiesTest holds the topology to that). Left at its default, the check built log messages
     * with String.format for each idle task on every loop, whatever the log level: 7 % of the samples in the profile
     * of a 10M-declaration replay. -1 skips it.
     */
    static final long MAX_TASK_IDLE_MS = -1L;

    static Properties properties(StreamsSettings settings) {
        Properties props = new Properties();
        settings.clientConfigs().forEach((key, value) -> props.put(key, value));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.putAll(SentinelTopology.optimizations());
        // Kafka 5 turns this on anyway; on now, it stops a warning per start and changes nothing else (no handler set).
        props.putIfAbsent("processing.exception.handler.global.enabled", true);
        if (settings.processingGuarantee().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EXACTLY_ONCE_COMMIT_INTERVAL.toMillis());
            // With transactions v2 a commit returns before its markers are written; the next transaction's first write
            // to each partition meets CONCURRENT_TRANSACTIONS until they are, and is retried after retry.backoff.ms
            // (100 ms, doubling to 1 s). On three replicas that stalled every commit: hundreds of retries a minute.
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), TRANSACTION_RETRY_BACKOFF.toMillis());
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG),
                    TRANSACTION_RETRY_BACKOFF_MAX.toMillis());
        }
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, THREAD_CACHE_BYTES);
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE_MS);
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        // The first start reads a backlog from its beginning: that is how history is replayed.
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Streams' producer defaults (16 KiB batches) cap replay throughput; bigger batches cost nothing here.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return props;
    }
}
