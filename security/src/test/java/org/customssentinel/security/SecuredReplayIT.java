package org.customssentinel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.Ports;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.cluster.ClusterSettings;
import org.customssentinel.localstack.cluster.ClusterStack;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.customssentinel.localstack.security.ClusterSecurity;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.StreamsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as users run it (generate, load-reference, produce, streams, alerts: each the built jar in its own
 * JVM), once on a secured stack with every command logging at DEBUG, once on the plain one: the same FINAL alerts, and
 * not one secret in any line the secured run printed, in its {@code --help}, or in its metrics.
 */
class SecuredReplayIT {

    private static final String SURGE_REFERENCE = "2021-01-01/2022-02-24";
    private static final String REGISTRY_USER = "registry-client";
    private static final String REGISTRY_PASSWORD = "Registry-Secret-7Qx";
    private static final String HTTP_PASSWORD = "Http-Secret-correct-horse";
    private static final String GROUP = StreamsSettings.DEFAULT_APPLICATION_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> printed = new ArrayList<>();

    @Test
    void shouldReplayAsOnThePlainStackWithoutASecretInAnyLine() throws Exception {
        Path scenario = dir.resolve("scenario.csv.gz");
        SentinelCommand.Result generated = SentinelCommand.run(dir.resolve("generate.log"), Map.of(), 120,
                "generate", "--scenario", "chpl-surge", "--scale", "0.05", "--out", scenario.toString());
        assertEquals(0, generated.exitCode(), generated.output());

        Map<String, JsonNode> secured;
        Set<String> secrets;
        ClusterSettings cluster = ClusterSettings.forTests(1, dir.resolve("secured/kafka"))
                .secured(SentinelPrincipals.of(TopicNames.defaults(), StreamsSettings.DEFAULT_APPLICATION_ID));
        RegistrySettings registry = new RegistrySettings(RegistrySettings.homeFromSystemProperty(), 0, Duration.ofMinutes(2),
                dir.resolve("secured/registry.log"));
        try (ClusterStack stack = ClusterStack.start(cluster, registry, System.out::println)) {
            ClusterSecurity security = stack.cluster().security().orElseThrow();
            Path clients = dir.resolve("secured/clients");
            Map<String, Path> files = security.writeClientFiles(clients, stack.bootstrapServers(), stack.cluster().mtlsBootstrapServers(),
                    stack.schemaRegistryUrl());
            secrets = secrets(dir.resolve("secured/kafka/security/secrets.properties"), files.values());
            // Each line of each user's private key for mutual TLS.
            try (DirectoryStream<Path> keys = Files.newDirectoryStream(clients, "*.key.pem")) {
                for (Path key : keys) {
                    Files.readAllLines(key).stream().filter(line -> !line.startsWith("-----")).forEach(secrets::add);
                }
            }
            secured = replaySecured(stack, security, clients, scenario, secrets);
        }
        Map<String, JsonNode> plain;
        try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), dir.resolve("plain")))) {
            plain = replayPlain(stack, scenario);
        }

        assertFalse(plain.isEmpty(), "the scenario raises FINAL alerts");
        assertEquals(plain.keySet(), secured.keySet(), "the same FINAL alerts by id");
        for (String id : plain.keySet()) {
            assertEquals(plain.get(id), secured.get(id), "alert " + id + " has the same figures");
        }

        List<String> leaks = new ArrayList<>();
        long debugLines = 0;
        for (String text : printed) {
            for (String line : text.lines().toList()) {
                debugLines += line.contains(" DEBUG ") ? 1 : 0;
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        leaks.add(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                    }
                }
            }
        }
        assertTrue(debugLines > 1_000, "the secured run logged at DEBUG (" + debugLines + " lines), so the scan saw what DEBUG shows");
        assertTrue(leaks.isEmpty(), leaks.size() + " line(s) show a secret:\n" + String.join("\n", leaks.subList(0, Math.min(10, leaks.size()))));
        System.out.printf("secrets scan: %d secrets, %d blocks of output (%d DEBUG lines), %d FINAL alerts equal%n",
                secrets.size(), printed.size(), debugLines, plain.size());
    }

    private Map<String, JsonNode> replaySecured(ClusterStack stack, ClusterSecurity security, Path clients, Path scenario,
                                                Set<String> secrets) throws Exception {
        Map<String, String> debug = Map.of("SENTINEL_LOG_LEVEL", "DEBUG");
        // The local registry ignores logins; the client still sends one with every request, so the scan covers it.
        Path producer = clients.resolve("producer-with-registry-login.properties");
        Files.writeString(producer, Files.readString(clients.resolve("producer.properties"))
                + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=" + REGISTRY_USER + ":" + REGISTRY_PASSWORD + "\n");
        Files.setPosixFilePermissions(producer, PosixFilePermissions.fromString("rw-------"));
        String streams = clients.resolve("streams.properties").toString();
        String reader = clients.resolve("reader.properties").toString();

        run(debug, "load-reference", "--config", producer.toString());
        run(debug, "produce", scenario.toString(), "--config", producer.toString());
        SentinelCommand.Result added = SentinelCommand.runWithInput(dir.resolve("secured/http-user.log"), debug, HTTP_PASSWORD + "\n", 120,
                "http-user", "add", "ops", "--file", dir.resolve("secured/http-users").toString(), "--password-stdin", "--token",
                "--role", "triage");
        assertEquals(0, added.exitCode(), added.output());
        String token = added.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        secrets.add(token);
        printed.add(added.output().replace(token, "<the token, printed once on purpose>"));

        int httpPort = Ports.findFree();
        try (SentinelCommand app = SentinelCommand.start(dir.resolve("secured/streams.log"), debug, "streams", "--config", streams,
                "--state-dir", dir.resolve("secured/state").toString(), "--surge-reference", SURGE_REFERENCE,
                "--http-port", String.valueOf(httpPort), "--http-auth", dir.resolve("secured/http-users").toString(),
                "--http-tls-keystore", clients.resolve("http.p12").toString(),
                "--http-tls-password-file", clients.resolve("http.p12.password").toString())) {
            awaitConsumed(adminClients(stack.bootstrapServers(), security.clientProperties("admin")), app);
            SSLContext tls = trusting(clients.resolve("truststore.p12"), Files.readString(clients.resolve("http.p12.password")).strip());
            HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + HTTP_PASSWORD).getBytes(StandardCharsets.UTF_8));
            for (String path : List.of("/metrics", "/api/alerts?limit=5", "/api/health")) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + path))
                        .header("Authorization", path.equals("/metrics") ? "Bearer " + token : basic).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), path + ": " + answer.body());
                printed.add(answer.body());
            }
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            SentinelCommand.Result alerts = run(debug, "alerts", "--config", reader, "--from-beginning", "--format", "json",
                    "--idle-timeout", "PT15S");
            // A verdict over HTTPS with a password, then the analysts' export: audited, and no secret in either.
            String alertId = finalAlerts(alerts.stdout()).keySet().iterator().next();
            SentinelCommand.Result triaged = SentinelCommand.runWithInput(dir.resolve("secured/triage.log"), debug, HTTP_PASSWORD + "\n", 120,
                    "triage", alertId, "--verdict", "confirmed", "--note", "seized", "--api", "https://127.0.0.1:" + httpPort,
                    "--cacert", clients.resolve("ca.pem").toString(), "--user", "ops", "--password-stdin");
            assertEquals(0, triaged.exitCode(), triaged.output());
            printed.add(triaged.output());
            run(debug, "dispositions", "list", "--config", reader);
            run(debug, "dispositions", "export", "--config", reader, "--labels", dir.resolve("secured/verdicts.csv").toString());
            app.close();
            printed.add(app.output());
            assertTrue(app.output().lines().anyMatch(line -> line.contains("verdict CONFIRMED on alert " + alertId) && line.contains(" by ops from ")),
                    "the verdict is audited in the app's log");
            for (String command : List.of("stack", "streams", "produce", "alerts", "load-reference", "demo", "rules", "http-user", "triage",
                    "dispositions")) {
                printed.add(run(debug, command, "--help").output());
            }
            return finalAlerts(alerts.stdout());
        }
    }

    private Map<String, JsonNode> replayPlain(StackEndpoints stack, Path scenario) throws Exception {
        String[] connection = {"--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl()};
        runQuietly("load-reference", connection);
        runQuietly("produce", concat(new String[] {scenario.toString()}, connection));
        try (SentinelCommand app = SentinelCommand.start(dir.resolve("plain/streams.log"), Map.of(), concat(new String[] {"streams",
                "--state-dir", dir.resolve("plain/state").toString(), "--surge-reference", SURGE_REFERENCE, "--http-port", "0"}, connection))) {
            awaitConsumed(adminClients(stack.bootstrapServers(), Map.of()), app);
            SentinelCommand.Result alerts = runQuietly("alerts", concat(new String[] {"--from-beginning", "--format", "json",
                    "--idle-timeout", "PT15S"}, connection));
            return finalAlerts(alerts.stdout());
        }
    }

    private SentinelCommand.Result run(Map<String, String> env, String... args) throws Exception {
        SentinelCommand.Result result = SentinelCommand.run(dir.resolve("secured/" + args[0] + "-" + printed.size() + ".log"), env, 300, args);
        assertEquals(0, result.exitCode(), String.join(" ", args) + ":\n" + tail(result.output()));
        printed.add(result.output());
        return result;
    }

    private SentinelCommand.Result runQuietly(String command, String... args) throws Exception {
        SentinelCommand.Result result = SentinelCommand.run(dir.resolve("plain/" + command + ".log"), Map.of(), 300,
                concat(new String[] {command}, args));
        assertEquals(0, result.exitCode(), command + ":\n" + tail(result.output()));
        return result;
    }

    /** Every FINAL alert by id; an id printed twice as FINAL fails the test. */
    private static Map<String, JsonNode> finalAlerts(String jsonLines) throws IOException {
        Map<String, JsonNode> alerts = new TreeMap<>();
        for (String line : jsonLines.lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode alert = JSON.readTree(line);
            if ("FINAL".equals(alert.path("status").asText())) {
                assertTrue(alerts.put(alert.path("alertId").asText(), alert) == null, "FINAL alert " + alert.path("alertId") + " twice");
            }
        }
        return alerts;
    }

    /** Waits until the streams app has committed past every declaration, the app still running. */
    private static void awaitConsumed(Map<String, Object> adminClients, SentinelCommand app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        try (Admin admin = Admin.create(adminClients)) {
            while (!ConsumerProgress.consumedAll(admin, GROUP, TopicNames.defaults().declarations())) {
                assertTrue(app.isAlive(), "the streams app stopped:\n" + tail(app.output()));
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the streams app did not consume every declaration within 6 minutes:\n" + tail(app.output()));
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static Map<String, Object> adminClients(String bootstrap, Map<String, String> login) {
        Map<String, Object> clients = new HashMap<>(login);
        clients.put("bootstrap.servers", bootstrap);
        return clients;
    }

    /** Every password and login string of the run: the stack's, the client files' JAAS lines, the registry's, the API's. */
    private static Set<String> secrets(Path secretsFile, Iterable<Path> clientFiles) throws IOException {
        Set<String> secrets = new LinkedHashSet<>();
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(secretsFile)) {
            stored.load(in);
        }
        stored.stringPropertyNames().forEach(name -> secrets.add(stored.getProperty(name)));
        for (Path file : clientFiles) {
            Properties client = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                client.load(in);
            }
            secrets.add(client.getProperty("sasl.jaas.config"));
        }
        secrets.add(REGISTRY_PASSWORD);
        secrets.add(Base64.getEncoder().encodeToString((REGISTRY_USER + ":" + REGISTRY_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        secrets.add(HTTP_PASSWORD);
        secrets.add(Base64.getEncoder().encodeToString(("ops:" + HTTP_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return secrets;
    }

    private static SSLContext trusting(Path truststore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
