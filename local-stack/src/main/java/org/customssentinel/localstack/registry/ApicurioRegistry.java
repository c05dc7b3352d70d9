package org.customssentinel.localstack.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.customssentinel.localstack.LogTail;
import org.customssentinel.localstack.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 2.6 as a child process: in-memory storage, bound to 127.0.0.1, speaking the Confluent
 * Schema Registry API under {@code /apis/ccompat/v7}.
 *
 * <p>The child is stopped on {@link #close()} and, should the JVM exit without it, by a shutdown hook,
 * so no registry outlives the stack that started it.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final int PORT_ATTEMPTS = 3;
    /** What Quarkus prints when its HTTP port is bound by someone else. */
    private static final String PORT_IN_USE = "seems to be in use by another process";

    private final Process process;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private ApicurioRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(this::destroyProcessTree, "apicurio-registry-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the registry, waits until its Confluent API answers, and sets global compatibility to BACKWARD. */
    public static ApicurioRegistry start(RegistrySettings settings) throws IOException, InterruptedException {
        Path runner = findRunnerJar(settings.home());
        if (settings.port() != 0) {
            Ports.requireFree(settings.port(), "schema registry");
            return start(settings, runner, settings.port());
        }
        // A port we picked can be taken before the registry binds it; only then is another port the cure.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(settings, runner, Ports.findFree());
            } catch (PortTakenException e) {
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                log.info("Schema registry port {} was taken before the registry bound it; trying another", e.port);
            }
        }
    }

    private static ApicurioRegistry start(RegistrySettings settings, Path runner, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", runner.toString())
                .directory(settings.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(settings.logFile().toFile());
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // Without it a textually different but equal schema (another client's JSON) gets a new id.
        builder.environment().put("ENABLE_CCOMPAT_CANONICAL_HASH_MODE", "true");
        builder.environment().put("QUARKUS_LOG_CONSOLE_COLOR", "false");
        if (settings.storageDir().isPresent()) {
            // Schema ids are written into every record: a stack reopened on its data must resolve the same ids.
            Files.createDirectories(settings.storageDir().get());
            builder.environment().put("REGISTRY_DATASOURCE_URL",
                    "jdbc:h2:file:" + settings.storageDir().get().toAbsolutePath().resolve("registry"));
        }
        ApicurioRegistry registry = new ApicurioRegistry(builder.start(), port);
        try {
            registry.awaitReady(settings.startTimeout(), settings.logFile());
            // Apicurio defaults to NONE; Confluent, whose behaviour clients expect, to BACKWARD.
            registry.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        log.info("Schema registry ready at {} (pid {})", registry.url(), registry.process.pid());
        return registry;
    }

    /** Base URL for Confluent-API clients. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to remove.
        }
    }

    private void destroyProcessTree() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout, Path logFile) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = LogTail.of(logFile, 20);
                String message = "schema registry exited with code " + process.exitValue()
                        + " before it was ready; its last output:\n" + output;
                throw output.contains(PORT_IN_USE) ? new PortTakenException(port, message) : new IOException(message);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Keep polling until the deadline.
            }
            Thread.sleep(250);
        }
        throw new IOException("schema registry did not answer at " + url() + " within " + timeout
                + "; its last output:\n" + LogTail.of(logFile, 20));
    }

    private void put(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + path + " on the schema registry answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static Path findRunnerJar(Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            throw new IOException("no Apicurio Registry at " + home + ": build it with ./mvnw package"
                    + " (local-stack unpacks it into local-stack/target/apicurio-registry)");
        }
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no *-runner.jar in " + home));
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The registry could not bind its port: someone took it between our check and its bind. */
    private static final class PortTakenException extends IOException {
        private final int port;

        PortTakenException(int port, String message) {
            super(message);
            this.port = port;
        }
    }
}
