package org.customssentinel.localstack.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.customssentinel.localstack.LogTail;

/**
 * One Kafka node as its own OS process: Kafka's server main ({@code kafka.Kafka}) on the node's
 * {@code server.properties}, output to the node's {@code server.log}. It can really die: {@link #kill()} is SIGKILL.
 */
public final class KafkaNode {

    private static final String SERVER_MAIN = "kafka.Kafka";

    private final NodeConfig config;
    private final List<String> jvmOptions;
    private final Map<String, String> clientSecurity;
    private Process process;
    private volatile boolean stopping;

    /** {@code clientSecurity}: how a client logs in to check that the node serves (empty on plaintext). */
    KafkaNode(NodeConfig config, List<String> jvmOptions, Map<String, String> clientSecurity) {
        this.config = config;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clientSecurity = Map.copyOf(clientSecurity);
    }

    public int id() {
        return config.id();
    }

    public NodeConfig config() {
        return config;
    }

    /** Starts the node's process and waits until it serves clients; a node already running is left alone. */
    public synchronized KafkaNode start(Duration timeout) throws IOException, InterruptedException {
        if (isAlive()) {
            return this;
        }
        stopping = false;
        Path logback = writeLogbackConfig();
        ProcessBuilder builder = new ProcessBuilder(JavaProcesses.command(jvmOptions,
                List.of("-Dlogback.configurationFile=" + logback, "-Dkafka.logs.dir=" + config.home()),
                SERVER_MAIN, config.propertiesFile().toString()))
                .directory(config.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.serverLog().toFile()));
        process = builder.start();
        awaitServing(timeout);
        return this;
    }

    /** SIGKILL: no shutdown hook, no flush, no controlled leader move, as when a machine loses power. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    public synchronized void stop(Duration grace) throws InterruptedException {
        stopping = true;
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The OS process id of the running node. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + id() + " has not been started");
        }
        return process.pid();
    }

    /** Present while the process runs: completes when it exits, however it exits. */
    synchronized Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /** Whether the last exit was asked for ({@link #stop}), rather than a crash or a kill. */
    boolean stopRequested() {
        return stopping;
    }

    private void awaitServing(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> adminConfig = new java.util.HashMap<>(clientSecurity);
        adminConfig.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.clientAddress(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("Kafka node " + id() + " exited with code " + process.exitValue()
                            + " before it was ready; the end of " + config.serverLog() + ":\n" + LogTail.of(config.serverLog(), 25));
                }
                try {
                    // A broker lists itself only once it has caught up with the metadata log and is unfenced.
                    boolean listed = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes()
                            .get(4, TimeUnit.SECONDS).stream().anyMatch(node -> node.id() == id());
                    if (listed) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // Not listening or not unfenced yet: poll again.
                }
                Thread.sleep(200);
            }
        }
        throw new IOException("Kafka node " + id() + " did not serve on " + config.clientAddress() + " within "
                + timeout + "; the end of " + config.serverLog() + ":\n" + LogTail.of(config.serverLog(), 25));
    }

    private Path writeLogbackConfig() throws IOException {
        Path file = config.home().resolve("logback.xml");
        // INFO shows what happened to the node (elections, recovery); config dumps would be 2,400 lines per start.
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
                  <logger name="org.apache.kafka.common.utils.AppInfoParser" level="WARN"/>
                  <logger name="kafka.server.KafkaConfig" level="WARN"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="kafka.request.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }
}
