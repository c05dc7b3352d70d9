package org.customssentinel.localstack.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.customssentinel.localstack.Directories;
import org.customssentinel.localstack.PortUnavailableException;
import org.customssentinel.localstack.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka cluster inside this JVM, built from Kafka's own test kit.
 *
 * <p>The test kit binds its broker listener on every interface at a random port. Clients here get a
 * listener of our own, {@code CLIENT}, bound to 127.0.0.1 at the requested port, which is also the
 * inter-broker listener; the kit's controller listener stays on its ephemeral port.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String CLIENT_LISTENER = "CLIENT";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Optional<Path> tempDir;
    private boolean closed;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers, Optional<Path> tempDir) {
        this.tempDir = tempDir;
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats, starts and waits for every broker; fails with {@link PortUnavailableException} on a taken port. */
    public static EmbeddedKafka start(KafkaSettings settings) throws Exception {
        preflight(settings);
        TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(settings.brokers())
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setPerServerProperties(listenersPerNode(settings));
        // Our own temp dir rather than the kit's: the kit deletes its own in a JVM shutdown hook, which on Ctrl-C runs
        // while the brokers are still closing and makes them log storage errors on the way out.
        Optional<Path> tempDir = settings.dataDir().isPresent() ? Optional.empty()
                : Optional.of(Files.createTempDirectory("sentinel-kafka-"));
        nodes.setBaseDirectory(settings.dataDir().orElseGet(tempDir::orElseThrow));
        int replication = Math.min(3, settings.brokers());
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
                .setDeleteOnClose(false)
                .setConfigProp("listener.security.protocol.map",
                        CLIENT_LISTENER + ":PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .setConfigProp("inter.broker.listener.name", CLIENT_LISTENER)
                // Defaults assume 3 brokers: on one broker, consumer groups and transactions would never start.
                .setConfigProp("offsets.topic.replication.factor", String.valueOf(replication))
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", String.valueOf(replication))
                .setConfigProp("transaction.state.log.min.isr", String.valueOf(Math.min(2, replication)))
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // A dead transactional producer's open transaction holds back every read_committed reader of the
                // partitions it wrote until the broker aborts it: look for timed-out ones every second, not every 10 s.
                .setConfigProp(TRANSACTION_ABORT_SCAN, String.valueOf(TRANSACTION_ABORT_SCAN_MS))
                .setConfigProp(STREAMS_GROUP_MIN_SESSION_TIMEOUT, String.valueOf(STREAMS_GROUP_MIN_SESSION_TIMEOUT_MS))
                .setConfigProp(STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL, String.valueOf(STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL_MS))
                .setConfigProp(STREAMS_GROUP_INITIAL_REBALANCE_DELAY, "0")
                // Replays carry event times years back: time-based retention would delete them as segments roll.
                .setConfigProp("log.retention.ms", "-1")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            closeQuietly(cluster);
            tempDir.ifPresent(Directories::deleteTreeQuietly);
            throw e;
        }
        String bootstrap = cluster.brokers().values().stream()
                .map(broker -> "127.0.0.1:" + clientPort(broker))
                .collect(Collectors.joining(","));
        log.info("Kafka ready: {} broker(s) at {}", settings.brokers(), bootstrap);
        return new EmbeddedKafka(cluster, bootstrap, tempDir);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The brokers, for tests that stop or restart one of them. */
    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    /** The broker setting that decides how soon a timed-out transaction is aborted (Kafka's default: 10 s). */
    public static final String TRANSACTION_ABORT_SCAN = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    public static final int TRANSACTION_ABORT_SCAN_MS = 1_000;

    /**
     * The streams rebalance protocol's bounds (KIP-1071): its groups take their session timeout and heartbeat interval
     * from the group's configuration, which the broker holds to at least 45 s and 5 s by default. Lowered so that a streams
     * group may fail over in seconds; the app sets its own (the fault suite 3 s and 1 s).
     */
    public static final String STREAMS_GROUP_MIN_SESSION_TIMEOUT = "group.streams.min.session.timeout.ms";
    public static final int STREAMS_GROUP_MIN_SESSION_TIMEOUT_MS = 3_000;
    public static final String STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL = "group.streams.min.heartbeat.interval.ms";
    public static final int STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL_MS = 1_000;
    /** As {@code group.initial.rebalance.delay.ms} for classic groups: no wait for more members before the first assignment. */
    public static final String STREAMS_GROUP_INITIAL_REBALANCE_DELAY = "group.streams.initial.rebalance.delay.ms";

    /** Idempotent: the test kit's own close() throws when called twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not stop cleanly", e);
        } finally {
            tempDir.ifPresent(Directories::deleteTreeQuietly);
        }
    }

    private static int clientPort(BrokerServer broker) {
        return broker.boundPort(new ListenerName(CLIENT_LISTENER));
    }

    private static Map<Integer, Map<String, String>> listenersPerNode(KafkaSettings settings) {
        Map<Integer, Map<String, String>> perNode = new HashMap<>();
        for (int node = 0; node < settings.brokers(); node++) {
            int port = settings.port() == 0 ? 0 : settings.port() + node;
            String listeners = CLIENT_LISTENER + "://127.0.0.1:" + port;
            if (node == 0) {
                // Combined node: it must also listen as the controller, on the port the kit pre-bound for it.
                listeners += ",CONTROLLER://localhost:0";
            }
            perNode.put(node, Map.of("listeners", listeners));
        }
        return perNode;
    }

    /**
     * Checks what can be checked before anything starts: free ports and an empty data dir. Fails with
     * {@link PortUnavailableException} or {@link IllegalArgumentException}.
     */
    public static void preflight(KafkaSettings settings) throws IOException {
        if (settings.port() != 0) {
            for (int i = 0; i < settings.brokers(); i++) {
                Ports.requireFree(settings.port() + i, "Kafka broker " + i);
            }
        }
        if (settings.dataDir().isPresent()) {
            Path dir = settings.dataDir().get();
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    // The kit formats a fresh cluster id every start; it cannot reopen an old one.
                    throw new IllegalArgumentException("data dir " + dir + " is not empty: the local stack keeps data"
                            + " after stop for inspection, but starts only on an empty directory");
                }
            }
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Closing a Kafka cluster that failed to start: {}", e.toString());
        }
    }
}
