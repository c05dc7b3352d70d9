package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.avro.Alert;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.query.QuerySettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client examples of examples/README.md (the files under {@code examples/}) run as written against the local stack after a
 * short replay, and print that replay's alerts: what an ops team copying them would see. Node.js and kcat are
 * external tools: a test skips, saying so, where its tool is absent; {@code .ci/run} installs both.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientExamplesIT {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Duration TOOL_LIMIT = Duration.ofMinutes(3);

    private final StackEndpoints stack;
    private Path work;
    private Replays replays;
    private Replays.Replay replay;
    private ServedStreams app;
    private List<Alert> alerts;

    ClientExamplesIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeAll
    void replayAndRun() throws Exception {
        work = Files.createTempDirectory("examples-it-");
        replays = new Replays(stack, work);
        replay = replays.prepare("examples");
        replays.publish(replay, "chpl-surge", 0.1, Speed.MAX);
        app = ServedStreams.start(replays.settings(replay, "app"), QuerySettings.local(0));
        replays.awaitQueryable(replays.settings(replay, "app"), Duration.ofMinutes(3));
        alerts = replays.readAll(alertsTopic());
        assertTrue(alerts.size() >= 5, "a replay with alerts to print: " + alerts.size());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String alertsTopic() {
        return replays.settings(replay, "app").topology().topics().alerts();
    }

    @Test
    void nodeExampleShouldPrintEveryAlertOfTheReplayDecoded() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "Node.js (node, npm) is not installed: the Node.js example is not run");
        Path node = EXAMPLES.resolve("node");
        if (!Files.isDirectory(node.resolve("node_modules"))) {
            Run install = run(node, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exit(), "npm ci in examples/node:\n" + install.output());
        }
        Run consumer = run(node, Map.of("KAFKA_BOOTSTRAP", stack.bootstrapServers(), "SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl(),
                "ALERTS_TOPIC", alertsTopic(), "GROUP_ID", "examples-it-" + UUID.randomUUID(), "EXIT_WHEN_IDLE_MS", "8000"),
                "node", "consume-alerts.js");
        assertEquals(0, consumer.exit(), "node consume-alerts.js:\n" + consumer.output());
        List<String> expected = alerts.stream().map(a -> a.getAlertId() + " " + a.getStatus() + " " + AlertRules.idOf(a) + " " + a.getSeverity()
                + " " + a.getSummary()).sorted().toList();
        assertEquals(expected, consumer.lines().stream().sorted().toList(), "one line per alert record, decoded from lz4 batches");
    }

    @Test
    void kcatExampleShouldPrintEveryAlertId() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed: the kcat example is not run");
        Run kcat = run(EXAMPLES.resolve("kcat"), Map.of("KAFKA_BOOTSTRAP", stack.bootstrapServers(), "ALERTS_TOPIC", alertsTopic()),
                "bash", "alert-ids.sh");
        assertEquals(0, kcat.exit(), "alert-ids.sh:\n" + kcat.output());
        List<String> ids = kcat.lines().stream().map(line -> line.substring(0, line.indexOf(' '))).sorted().toList();
        assertEquals(alerts.stream().map(Alert::getAlertId).sorted().toList(), ids, "every committed alert record's id");
    }

    @Test
    void curlExampleShouldReturnTheLatestStatusOfEachAlert() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed: the curl example is not run");
        Run curl = run(EXAMPLES.resolve("curl"), Map.of("SENTINEL_HTTP", "http://127.0.0.1:" + app.port(), "LIMIT", "1000"),
                "bash", "recent-alerts.sh");
        assertEquals(0, curl.exit(), "recent-alerts.sh:\n" + curl.output());
        Set<String> ids = new TreeSet<>();
        for (JsonNode alert : new ObjectMapper().readTree(curl.stdout())) {
            ids.add(alert.path("alertId").asText());
        }
        assertEquals(new TreeSet<>(alerts.stream().map(Alert::getAlertId).toList()), ids, "each alert once, as the query API holds it");
    }

    private record Run(int exit, String stdout, String stderr) {

        List<String> lines() {
            return stdout.lines().filter(line -> !line.isBlank()).toList();
        }

        String output() {
            return stdout + (stderr.isBlank() ? "" : "\n[stderr]\n" + stderr);
        }
    }

    /** Runs a command in {@code dir}; standard error goes to the output too, so a failure shows what the tool said. */
    private Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        Path out = work.resolve("out-" + UUID.randomUUID() + ".txt");
        Path err = work.resolve("err-" + UUID.randomUUID() + ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(new HashMap<>(env));
        Process process = builder.start();
        if (!process.waitFor(TOOL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TOOL_LIMIT + ":\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
