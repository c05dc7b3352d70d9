package org.customssentinel.localstack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.customssentinel.localstack.Directories;
import org.customssentinel.localstack.Ports;
import org.customssentinel.localstack.security.ClusterSecurity;
import org.customssentinel.localstack.security.SecuritySettings;

/**
 * A KRaft cluster of separate OS processes on 127.0.0.1, each node combined broker and controller, so that a node
 * can be SIGKILLed and restarted as on real machines. Its directory holds everything: started again on the same
 * directory, the cluster comes back with its cluster id, topics and offsets.
 *
 * <p>With a restart delay in the settings the cluster supervises its nodes: a node that dies without
 * {@link KafkaNode#stop} is reported in one line and restarted on the same data after the delay.
 */
public final class LocalCluster implements AutoCloseable {

    private static final String CLUSTER_ID_FILE = "cluster.id";
    private static final String SECURITY_DIR = "security";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ClusterSettings settings;
    private final Optional<ClusterSecurity> security;
    private final String clusterId;
    private final List<KafkaNode> nodes;
    private final Consumer<String> events;
    private final ScheduledExecutorService restarts;
    private final Thread reaper;
    private volatile boolean closed;

    private LocalCluster(ClusterSettings settings, Optional<ClusterSecurity> security, String clusterId, List<KafkaNode> nodes,
                         Consumer<String> events) {
        this.settings = settings;
        this.security = security;
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.events = events;
        this.restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-node-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        // Nodes are child processes: they must not outlive a JVM that exits without closing the cluster.
        this.reaper = new Thread(this::stopAll, "kafka-node-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Formats the cluster's directory if it holds none yet, else reopens it, then starts every node and waits until
     * all serve clients. {@code events} receives one line per supervision event (a death, a restart).
     */
    public static LocalCluster start(ClusterSettings settings, Consumer<String> events)
            throws IOException, InterruptedException {
        Path home = settings.home().toAbsolutePath();
        Files.createDirectories(home);
        boolean formatted = Files.exists(home.resolve(CLUSTER_ID_FILE));
        List<NodeConfig> configs = formatted ? existingNodes(home, settings.nodes()) : newNodes(home, settings);
        Path securityDir = home.resolve(SECURITY_DIR);
        if (formatted && Files.isDirectory(securityDir) != settings.security().isPresent()) {
            throw new IllegalArgumentException(home + " holds a " + (Files.isDirectory(securityDir) ? "secured" : "plaintext")
                    + " cluster: start it " + (Files.isDirectory(securityDir) ? "with" : "without") + " --secure, or use another directory");
        }
        Optional<ClusterSecurity> security = Optional.empty();
        if (settings.security().isPresent()) {
            try {
                security = Optional.of(ClusterSecurity.prepare(securityDir, settings.security().get(),
                        configs.stream().map(NodeConfig::name).toList()));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot make the cluster's certificates: " + e.getMessage(), e);
            }
        }
        String clusterId = formatted ? Files.readString(home.resolve(CLUSTER_ID_FILE)).trim()
                : format(home, configs, security);
        Map<String, String> clientSecurity = security.map(s -> s.clientProperties(SecuritySettings.ADMIN)).orElse(Map.of());
        List<KafkaNode> nodes = configs.stream().map(config -> new KafkaNode(config, settings.jvmOptions(), clientSecurity)).toList();
        LocalCluster cluster = new LocalCluster(settings, security, clusterId, nodes, events);
        try {
            cluster.startAll();
            if (security.isPresent()) {
                security.get().grant(cluster.bootstrapServers());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public KafkaNode node(int id) {
        if (id < 0 || id >= nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id);
    }

    public List<KafkaNode> nodes() {
        return nodes;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Present on a secured cluster: its users, certificates and client settings. */
    public Optional<ClusterSecurity> security() {
        return security;
    }

    /** Every node's client address: a client reaches the cluster while any one of them is up. */
    public String bootstrapServers() {
        return nodes.stream().map(node -> node.config().clientAddress()).collect(Collectors.joining(","));
    }

    /**
     * Every node's listener for clients that log in with a certificate (mutual TLS), on a secured cluster formatted
     * with one; empty otherwise.
     */
    public String mtlsBootstrapServers() {
        return nodes.stream().map(node -> node.config().mtlsAddress()).flatMap(Optional::stream).collect(Collectors.joining(","));
    }

    /** Starts again a node that was killed or stopped, on its own data, and waits until it serves. */
    public KafkaNode restart(int id) throws IOException, InterruptedException {
        return node(id).start(settings.startTimeout());
    }

    /** Stops every node (SIGTERM, then SIGKILL after a grace period); data stays in the cluster's directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        restarts.shutdownNow();
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run.
        }
    }

    private void startAll() throws IOException, InterruptedException {
        // A node's broker waits for a controller quorum: with static voters a majority must run before any is ready.
        ExecutorService starters = Executors.newFixedThreadPool(nodes.size());
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (KafkaNode node : nodes) {
            starting.add(CompletableFuture.runAsync(() -> {
                try {
                    node.start(settings.startTimeout());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting node " + node.id(), e);
                }
            }, starters));
        }
        try {
            for (CompletableFuture<Void> start : starting) {
                start.join();
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        } finally {
            starters.shutdown();
        }
        nodes.forEach(this::watch);
    }

    private void watch(KafkaNode node) {
        node.process().ifPresent(process -> process.onExit().thenAccept(exited -> {
            if (closed || node.stopRequested()) {
                return;
            }
            if (settings.restartDelay().isEmpty()) {
                events.accept("Kafka node " + node.id() + " (pid " + exited.pid() + ") died with exit code "
                        + exited.exitValue() + "; not restarting");
                return;
            }
            Duration delay = settings.restartDelay().get();
            events.accept("Kafka node " + node.id() + " (pid " + exited.pid() + ") died with exit code "
                    + exited.exitValue() + "; restarting in " + delay.toSeconds() + " s");
            restarts.schedule(() -> restartWatched(node), delay.toMillis(), TimeUnit.MILLISECONDS);
        }));
    }

    private void restartWatched(KafkaNode node) {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        try {
            node.start(settings.startTimeout());
            events.accept(String.format("Kafka node %d restarted (pid %d, port %d) in %.1f s", node.id(), node.pid(),
                    node.config().clientPort(), (System.nanoTime() - started) / 1e9));
            watch(node);
        } catch (IOException e) {
            events.accept("Kafka node " + node.id() + " failed to restart: " + e.getMessage().lines().findFirst()
                    .orElse("") + "; retrying in " + settings.restartDelay().orElseThrow().toSeconds() + " s");
            node.process().ifPresent(Process::destroyForcibly);
            restarts.schedule(() -> restartWatched(node), settings.restartDelay().orElseThrow().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopAll() {
        List<Thread> stopping = new ArrayList<>();
        for (KafkaNode node : nodes) {
            Thread thread = new Thread(() -> {
                try {
                    node.stop(STOP_GRACE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-kafka-node-" + node.id());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<NodeConfig> newNodes(Path home, ClusterSettings settings) throws IOException {
        // Node dirs without a cluster id are what a format that failed half-way left: start them over.
        try (Stream<Path> dirs = Files.list(home)) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith("node-")).forEach(Directories::deleteTreeQuietly);
        }
        List<NodeConfig> configs = new ArrayList<>();
        for (int id = 0; id < settings.nodes(); id++) {
            int clientPort = settings.clientPort() == 0 ? Ports.findFree() : settings.clientPort() + id;
            if (settings.clientPort() != 0) {
                Ports.requireFree(clientPort, "Kafka node " + id);
            }
            configs.add(new NodeConfig(id, clientPort, Ports.findFree(), settings.security().isPresent() ? Ports.findFree() : 0,
                    home.resolve("node-" + id)));
        }
        return configs;
    }

    private static List<NodeConfig> existingNodes(Path home, int expected) throws IOException {
        List<NodeConfig> configs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.filter(dir -> dir.getFileName().toString().startsWith("node-")).sorted().toList()) {
                configs.add(NodeConfig.read(dir));
            }
        }
        if (configs.size() != expected) {
            throw new IllegalArgumentException(home + " holds a cluster of " + configs.size() + " node(s), not "
                    + expected + ": start it with --brokers " + configs.size() + ", or use another directory");
        }
        for (NodeConfig config : configs) {
            Ports.requireFree(config.clientPort(), "Kafka node " + config.id() + " (its port is fixed by " + home + ")");
        }
        return configs;
    }

    /** Writes each node's properties and formats its log dir with one new cluster id, as kafka-storage.sh does. */
    private static String format(Path home, List<NodeConfig> configs, Optional<ClusterSecurity> security)
            throws IOException, InterruptedException {
        List<String> names = configs.stream().map(NodeConfig::name).toList();
        for (NodeConfig config : configs) {
            config.write(configs, security.map(s -> s.brokerProperties(config.name(), names)).orElse(Map.of()));
        }
        String clusterId = Uuid.randomUuid().toString();
        List<Process> formats = new ArrayList<>();
        for (NodeConfig config : configs) {
            List<String> arguments = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config.propertiesFile().toString()));
            security.ifPresent(s -> arguments.addAll(s.formatArguments()));
            formats.add(new ProcessBuilder(JavaProcesses.command(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                    List.of(), "kafka.tools.StorageTool", arguments.toArray(String[]::new)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.home().resolve("format.log").toFile()))
                    .start());
        }
        for (int i = 0; i < formats.size(); i++) {
            Process format = formats.get(i);
            if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
                format.destroyForcibly();
                Path log = configs.get(i).home().resolve("format.log");
                throw new IOException("formatting Kafka node " + i + " failed; " + log + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        // Written last: a directory without it was never fully formatted and is formatted again.
        Files.writeString(home.resolve(CLUSTER_ID_FILE), clusterId + "\n");
        return clusterId;
    }
}
