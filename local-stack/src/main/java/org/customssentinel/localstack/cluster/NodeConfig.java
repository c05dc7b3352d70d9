package org.customssentinel.localstack.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.customssentinel.localstack.kafka.EmbeddedKafka;

/**
 * The {@code server.properties} of one combined broker+controller node, written once when its directory is
 * formatted and read back when a stack starts again on the same directory, so ports and ids never drift.
 *
 * @param id             node id, 0-based
 * @param clientPort     client and inter-broker listener port on 127.0.0.1
 * @param controllerPort KRaft controller listener port on 127.0.0.1
 * @param mtlsPort       on a secured cluster, a second client listener where clients log in with a certificate (mutual
 *                       TLS) instead of SCRAM; 0 for none
 * @param home           the node's directory: properties, log dir, server log
 */
public record NodeConfig(int id, int clientPort, int controllerPort, int mtlsPort, Path home) {

    /** The listener of clients that log in with a certificate. */
    public static final String MTLS_LISTENER = "MTLS";

    static final String FILE = "server.properties";

    public Path propertiesFile() {
        return home.resolve(FILE);
    }

    public Path logDir() {
        return home.resolve("data");
    }

    public Path serverLog() {
        return home.resolve("server.log");
    }

    public String clientAddress() {
        return "127.0.0.1:" + clientPort;
    }

    /** Where clients log in with a certificate, when the node has such a listener. */
    public Optional<String> mtlsAddress() {
        return mtlsPort == 0 ? Optional.empty() : Optional.of("127.0.0.1:" + mtlsPort);
    }

    /** The node's name: its certificate's common name, and so its principal on a secured cluster. */
    public String name() {
        return "kafka-node-" + id;
    }

    /**
     * Writes the node's properties; {@code peers} are all nodes of the cluster, this one included; {@code security}
     * overrides and adds to the plaintext settings.
     */
    void write(List<NodeConfig> peers, Map<String, String> security) throws IOException {
        int replication = Math.min(3, peers.size());
        int minIsr = Math.min(2, replication);
        Properties props = new Properties();
        props.setProperty("node.id", String.valueOf(id));
        props.setProperty("process.roles", "broker,controller");
        String mtls = mtlsPort == 0 ? "" : "," + MTLS_LISTENER + "://127.0.0.1:" + mtlsPort;
        props.setProperty("listeners", "CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort + mtls);
        props.setProperty("advertised.listeners", "CLIENT://127.0.0.1:" + clientPort + mtls);
        props.setProperty("listener.security.protocol.map", "CLIENT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "CLIENT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        // A static quorum of every node: any majority elects a controller, and a formatted dir restarts as itself.
        props.setProperty("controller.quorum.voters", peers.stream()
                .map(peer -> peer.id() + "@127.0.0.1:" + peer.controllerPort())
                .collect(Collectors.joining(",")));
        props.setProperty("log.dirs", logDir().toString());
        // Topics created without an explicit factor (the project's and Kafka Streams' internal ones) take these.
        props.setProperty("default.replication.factor", String.valueOf(replication));
        props.setProperty("min.insync.replicas", String.valueOf(minIsr));
        props.setProperty("offsets.topic.replication.factor", String.valueOf(replication));
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", String.valueOf(replication));
        props.setProperty("transaction.state.log.min.isr", String.valueOf(minIsr));
        props.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(replication));
        props.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(minIsr));
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty(EmbeddedKafka.TRANSACTION_ABORT_SCAN, String.valueOf(EmbeddedKafka.TRANSACTION_ABORT_SCAN_MS));
        props.setProperty(EmbeddedKafka.STREAMS_GROUP_MIN_SESSION_TIMEOUT, String.valueOf(EmbeddedKafka.STREAMS_GROUP_MIN_SESSION_TIMEOUT_MS));
        props.setProperty(EmbeddedKafka.STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL, String.valueOf(EmbeddedKafka.STREAMS_GROUP_MIN_HEARTBEAT_INTERVAL_MS));
        props.setProperty(EmbeddedKafka.STREAMS_GROUP_INITIAL_REBALANCE_DELAY, "0");
        // Replays carry event times years back: time-based retention would delete them as segments roll.
        props.setProperty("log.retention.ms", "-1");
        // A node killed mid-write must not be elected leader with a shorter log than what was acknowledged.
        props.setProperty("unclean.leader.election.enable", "false");
        security.forEach(props::setProperty);
        Files.createDirectories(home);
        try (Writer out = Files.newBufferedWriter(propertiesFile(), StandardCharsets.UTF_8)) {
            props.store(out, "Customs Sentinel local cluster node " + id + "; written at format, read on every start");
        }
    }

    /** Reads a node formatted earlier. */
    static NodeConfig read(Path home) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve(FILE), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        int id = Integer.parseInt(props.getProperty("node.id"));
        int clientPort = 0;
        int controllerPort = 0;
        int mtlsPort = 0;
        for (String listener : props.getProperty("listeners").split(",")) {
            int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
            if (listener.startsWith("CLIENT://")) {
                clientPort = port;
            } else if (listener.startsWith("CONTROLLER://")) {
                controllerPort = port;
            } else if (listener.startsWith(MTLS_LISTENER + "://")) {
                mtlsPort = port;
            }
        }
        return new NodeConfig(id, clientPort, controllerPort, mtlsPort, home);
    }
}
