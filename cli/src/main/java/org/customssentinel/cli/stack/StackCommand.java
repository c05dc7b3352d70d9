package org.customssentinel.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.customssentinel.cli.StackPortOptions;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.localstack.Directories;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.cluster.ClusterSettings;
import org.customssentinel.localstack.cluster.ClusterStack;
import org.customssentinel.localstack.cluster.KafkaNode;
import org.customssentinel.localstack.cluster.LocalCluster;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a real Kafka and schema registry on this machine until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        header = "Start a local Kafka and schema registry on 127.0.0.1.",
        description = {"Start a local Kafka (KRaft) and Confluent-API schema registry (Apicurio) on 127.0.0.1.",
                "One broker without --data-dir runs inside this JVM. With --brokers 2 or more, or with --data-dir, every"
                        + " node is its own OS process (combined broker and controller) that can be killed (kill -9 PID)"
                        + " and is restarted on its data after --restart-delay; topics get replication factor"
                        + " min(3, brokers) and min.insync.replicas min(2, brokers).",
                "Started again on the same --data-dir, the stack comes back with its topics, offsets and schemas.",
                "Runs in the foreground until Ctrl-C, then stops everything and leaves no process behind.",
                "Exit code 2 when a port is taken."})
public final class StackCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StackPortOptions ports;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "Number of Kafka brokers, 1 to 9; 3 for fault tests (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep Kafka's data, the schemas and the logs in DIR instead of a temp dir removed on stop;"
                    + " a stack started again on DIR resumes where it stopped.")
    Path dataDir;

    @Option(names = "--restart-delay", defaultValue = "10", paramLabel = "SECONDS",
            description = "Restart a Kafka node process that died after this many seconds (default: ${DEFAULT-VALUE}).")
    int restartDelaySeconds;

    @Option(names = "--no-restart", description = "Leave a Kafka node process that died down.")
    boolean noRestart;

    @Option(names = "--secure", description = {"A secured cluster: the client listener is SASL_SSL with SCRAM-SHA-512"
            + " (no plaintext port), TLS certificates from a CA made at start, ACLs with deny by default. Creates the"
            + " users admin, sentinel-producer, sentinel-streams and sentinel-reader with the least rights each needs,"
            + " and writes one client file per user under DIR/clients (use them with --config). A second listener takes"
            + " mutual TLS: a certificate per user under DIR/clients (reader.crt.pem, reader.key.pem) and a librdkafka file"
            + " (reader.librdkafka.conf, for kcat -F) for clients whose SCRAM Kafka 4 rejects. Runs node processes."})
    boolean secure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path workDir = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("sentinel-stack-");
        if (brokers > 1 || dataDir != null || secure) {
            return runNodeProcesses(out, workDir);
        }
        Path registryLog = workDir.resolve("registry.log");
        StackSettings settings = StackSettings.fixed(brokers, ports.kafkaPort, ports.registryPort, Optional.empty(),
                RegistrySettings.homeFromSystemProperty(), registryLog);
        out.println("Starting Kafka (" + brokers + " broker" + (brokers == 1 ? "" : "s") + ") and the schema registry...");
        out.flush();
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (Exception | Error e) {
            deleteTempDir(workDir);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the local stack...");
            out.flush();
            stack.close();
            deleteTempDir(workDir);
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "sentinel-stack-stop"));
        out.printf("Local stack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.println("  Kafka bootstrap servers : " + stack.bootstrapServers());
        out.println("  Schema registry URL     : " + stack.schemaRegistryUrl());
        out.println("  Registry log            : " + registryLog);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private Integer runNodeProcesses(PrintWriter out, Path workDir) throws Exception {
        if (restartDelaySeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--restart-delay must be 0 or more seconds");
        }
        Path registryLog = workDir.resolve("registry.log");
        RegistrySettings registrySettings = new RegistrySettings(RegistrySettings.homeFromSystemProperty(),
                ports.registryPort, Duration.ofMinutes(2), registryLog).persistentIn(workDir.resolve("registry"));
        ClusterSettings clusterSettings = new ClusterSettings(brokers, ports.kafkaPort, workDir.resolve("kafka"),
                noRestart ? Optional.empty() : Optional.of(Duration.ofSeconds(restartDelaySeconds)),
                Duration.ofSeconds(90), ClusterSettings.DEFAULT_JVM_OPTIONS);
        if (secure) {
            clusterSettings = clusterSettings.secured(SentinelPrincipals.of(new TopicNames(""), StreamsSettings.DEFAULT_APPLICATION_ID));
        }
        out.println("Starting Kafka (" + brokers + " node process" + (brokers == 1 ? "" : "es") + ") and the schema registry...");
        out.flush();
        long started = System.nanoTime();
        ClusterStack stack;
        try {
            stack = ClusterStack.start(clusterSettings, registrySettings, line -> {
                out.println(line);
                out.flush();
            });
        } catch (Exception | Error e) {
            deleteTempDir(workDir);
            throw e;
        }
        LocalCluster cluster = stack.cluster();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the local stack...");
            out.flush();
            stack.close();
            deleteTempDir(workDir);
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "sentinel-stack-stop"));
        out.printf("Local stack ready in %.1f s (cluster id %s)%n", (System.nanoTime() - started) / 1e9,
                cluster.clusterId());
        for (KafkaNode node : cluster.nodes()) {
            out.printf("  Kafka node %d : port %d, pid %d, log %s%n", node.id(), node.config().clientPort(),
                    node.pid(), node.config().serverLog());
        }
        out.println("  Kafka bootstrap servers : " + cluster.bootstrapServers());
        out.println("  Schema registry URL     : " + stack.schemaRegistryUrl());
        out.println("  Registry log            : " + registryLog);
        if (cluster.security().isPresent()) {
            Path clientsDir = workDir.resolve("clients");
            Map<String, Path> clients = cluster.security().get().writeClientFiles(clientsDir, cluster.bootstrapServers(),
                    cluster.mtlsBootstrapServers(), stack.schemaRegistryUrl());
            out.println("  Security                : SASL_SSL, SCRAM-SHA-512, ACLs (deny by default); client files (0600):");
            clients.forEach((user, file) -> out.printf("    %-18s %s%n", user, file));
            out.println("  e.g. bin/sentinel alerts --config " + clients.get(SentinelPrincipals.READER));
            if (!cluster.mtlsBootstrapServers().isEmpty()) {
                // librdkafka before 2.6.1 (Debian 12's kcat) cannot log in with SCRAM to Kafka 4: certificates instead.
                out.println("  Mutual TLS              : " + cluster.mtlsBootstrapServers() + ", a certificate per user, same ACLs; e.g.");
                out.println("    kcat -F " + clientsDir.resolve("reader.librdkafka.conf") + " -t customs.alerts -C -e -f '%k\n'");
            }
        }
        if (dataDir != null) {
            out.println("  Data kept in            : " + workDir);
        }
        out.println(noRestart ? "Nodes that die stay down (--no-restart)."
                : "A node that dies is restarted after " + restartDelaySeconds + " s.");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private void deleteTempDir(Path workDir) {
        if (dataDir == null) {
            Directories.deleteTreeQuietly(workDir);
        }
    }
}
