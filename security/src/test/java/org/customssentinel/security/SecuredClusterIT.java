package org.customssentinel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.localstack.cluster.ClusterSettings;
import org.customssentinel.localstack.cluster.LocalCluster;
import org.customssentinel.localstack.security.ClusterSecurity;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.security.AccessProbe.Outcome;
import org.customssentinel.streams.app.StreamsSettings;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secured one-node cluster as {@code sentinel stack --secure} makes it: who gets in, and what each principal may do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {

    private static final String APP = StreamsSettings.DEFAULT_APPLICATION_ID;
    private static final TopicNames NAMES = TopicNames.defaults();

    @TempDir
    static Path dir;

    private LocalCluster cluster;
    private ClusterSecurity security;
    private Path clientFiles;

    @BeforeAll
    void startSecuredCluster() throws Exception {
        cluster = LocalCluster.start(ClusterSettings.forTests(1, dir.resolve("kafka")).secured(SentinelPrincipals.of(NAMES, APP)),
                System.out::println);
        security = cluster.security().orElseThrow();
        clientFiles = dir.resolve("clients");
        security.writeClientFiles(clientFiles, cluster.bootstrapServers(), cluster.mtlsBootstrapServers(), "http://127.0.0.1:1/apis/ccompat/v7");
        List<NewTopic> topics = new ArrayList<>();
        for (SentinelTopic topic : SentinelTopic.values()) {
            topics.add(new NewTopic(topic.in(NAMES), 1, (short) 1));
        }
        try (Admin admin = Admin.create(clients("admin"))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Map<String, Object> clients(String user) {
        Map<String, Object> clients = new HashMap<>(security.clientProperties(user));
        clients.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        clients.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        clients.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return clients;
    }

    private static Throwable describeCluster(Map<String, Object> clients) {
        try (Admin admin = Admin.create(clients)) {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void shouldRefuseClientsWithoutTheRightLoginOrTrust() {
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        assertTrue(describeCluster(plaintext) != null, "a plaintext client gets nothing from the SASL_SSL listener");

        Map<String, Object> wrongPassword = clients(SentinelPrincipals.READER);
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"sentinel-reader\" password=\"not-the-password\";");
        assertTrue(describeCluster(wrongPassword) instanceof SaslAuthenticationException, "wrong password");

        Map<String, Object> unknownUser = clients(SentinelPrincipals.READER);
        unknownUser.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"mallory\" password=\"whatever-it-is\";");
        assertTrue(describeCluster(unknownUser) instanceof SaslAuthenticationException, "unknown user");

        Map<String, Object> untrusting = clients(SentinelPrincipals.READER);
        untrusting.remove("ssl.truststore.location");
        untrusting.remove("ssl.truststore.password");
        untrusting.remove("ssl.truststore.type");
        assertTrue(describeCluster(untrusting) instanceof SslAuthenticationException, "a client that does not trust the CA");

        assertEquals(null, describeCluster(clients(SentinelPrincipals.READER)), "the reader's own file gets in");
    }

    @Test
    void shouldLetKcatReadTheAlertIdsOverMutualTlsAsTheReaderAndRefuseItTheDeclarations() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed (.ci/run installs it): not run");
        String alerts = SentinelTopic.ALERTS.in(NAMES);
        String alertId = "mtls-probe-" + System.nanoTime();
        Map<String, Object> writer = new HashMap<>(clients(SentinelPrincipals.STREAMS));
        writer.put("compression.type", "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(writer, new StringSerializer(), new ByteArraySerializer())) {
            // A tombstone: every reader of customs.alerts (the streams app of a later test among them) skips it, and kcat
            // prints its key like any other record's.
            producer.send(new ProducerRecord<>(alerts, alertId, null)).get(30, TimeUnit.SECONDS);
        }
        Path config = clientFiles.resolve("reader.librdkafka.conf");
        assertTrue(Files.readString(config).contains("security.protocol=ssl"), "the reader's librdkafka file logs in with its certificate");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(clientFiles.resolve("reader.key.pem")), "the key is the owner's only");

        // The client example as the README shows it, pointed at the reader's librdkafka file.
        Kcat read = run(Map.of("KCAT_CONFIG", config.toString(), "ALERTS_TOPIC", alerts), EXAMPLE.toString());
        assertEquals(0, read.exit(), read.output());
        assertTrue(read.output().lines().anyMatch(line -> line.startsWith(alertId + " partition ")),
                "the reader's certificate reads the alert ids:\n" + read.output());

        Kcat refused = kcat("-F", config.toString(), "-t", SentinelTopic.DECLARATIONS.in(NAMES), "-C", "-o", "beginning", "-e", "-q");
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("authorization failed") || refused.output().contains("Authorization failed"),
                "the same principal's ACLs: no declarations for the reader\n" + refused.output());

        Path stranger = dir.resolve("stranger.conf");
        Files.writeString(stranger, Files.readString(config).lines().filter(line -> !line.startsWith("ssl.certificate.location")
                && !line.startsWith("ssl.key.location")).reduce("", (a, b) -> a + b + "\n"));
        Kcat anonymous = kcat("-F", stranger.toString(), "-t", alerts, "-C", "-o", "beginning", "-e", "-q", "-m", "5");
        assertNotEquals(0, anonymous.exit(), "no certificate, no way in:\n" + anonymous.output());
    }

    private record Kcat(int exit, String output) {
    }

    private static final Path EXAMPLE = Path.of("..", "examples", "kcat", "alert-ids.sh").toAbsolutePath().normalize();

    private Kcat kcat(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat"));
        command.addAll(List.of(args));
        return run(Map.of(), command.toArray(String[]::new));
    }

    private Kcat run(Map<String, String> env, String... command) throws Exception {
        Path log = Files.createTempFile(dir, "kcat", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within 60 s: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
        return new Kcat(process.exitValue(), Files.readString(log));
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldEndACommandWithOneLineNamingWhatFailedAndForWhom() throws Exception {
        Path readerFile = clientFiles.resolve("reader.properties");
        String reader = Files.readString(readerFile);
        Path wrong = dir.resolve("wrong-password.properties");
        Files.writeString(wrong, reader.replaceAll("password=\"[^\"]*\"", "password=\"not-the-password\""));
        Files.setPosixFilePermissions(wrong, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path untrusting = dir.resolve("untrusting.properties");
        Files.writeString(untrusting, reader.lines().filter(line -> !line.startsWith("ssl.truststore")).reduce("", (a, b) -> a + b + "\n"));
        Files.setPosixFilePermissions(untrusting, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        assertCommandFails(dir.resolve("wrong.log"), "sentinel alerts: Kafka refused the login as sentinel-reader: wrong password or unknown user",
                "alerts", "--config", wrong.toString(), "--idle-timeout", "PT5S");
        assertCommandFails(dir.resolve("untrusting.log"), "sentinel alerts: TLS handshake with Kafka failed as sentinel-reader:"
                + " the broker's certificate is not signed by a trusted CA", "alerts", "--config", untrusting.toString(), "--idle-timeout", "PT5S");
        assertCommandFails(dir.resolve("not-allowed.log"), "sentinel alerts: not authorized to read topic customs.declarations as sentinel-reader",
                "alerts", "--config", readerFile.toString(), "--topic", "customs.declarations", "--idle-timeout", "PT5S");
        assertCommandFails(dir.resolve("create.log"), "sentinel produce: not authorized to create topic customs.declarations as"
                + " sentinel-reader", "produce", headerOnlyFile().toString(), "--config", readerFile.toString());
    }

    private Path headerOnlyFile() throws Exception {
        return Files.writeString(dir.resolve("empty.csv"), "declaration_id,declaration_type,lodged_at,declarant_name,exporter_name,"
                + "exporter_id,exporter_country,importer_name,importer_id,importer_country,country_of_origin,country_of_dispatch,"
                + "country_of_destination,customs_office,transport_mode,item_no,hs_code,description,quantity,unit,net_mass_kg,value_usd\n");
    }

    private static void assertCommandFails(Path log, String expectedStart, String... args) throws Exception {
        SentinelCommand.Result result = SentinelCommand.run(log, Map.of(), 120, args);
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.lastLine().startsWith(expectedStart), "last line: " + result.lastLine() + "\n" + result.output());
        assertFalse(result.output().contains("\tat "), "no stack trace without SENTINEL_DEBUG:\n" + result.output());
    }

    @Test
    void shouldLetEachPrincipalDoExactlyItsJob() {
        String declarations = SentinelTopic.DECLARATIONS.in(NAMES);
        String rejected = SentinelTopic.REJECTED.in(NAMES);
        String hs = SentinelTopic.HS_CLASSIFICATIONS.in(NAMES);
        String watchlist = SentinelTopic.WATCHLIST.in(NAMES);
        String rules = SentinelTopic.RULES.in(NAMES);
        String enriched = SentinelTopic.ENRICHED.in(NAMES);
        String flows = SentinelTopic.FLOWS_WINDOWED.in(NAMES);
        String alerts = SentinelTopic.ALERTS.in(NAMES);
        String risk = SentinelTopic.RISK.in(NAMES);
        String dispositions = SentinelTopic.DISPOSITIONS.in(NAMES);
        AccessProbe producer = new AccessProbe(clients(SentinelPrincipals.PRODUCER));
        AccessProbe streams = new AccessProbe(clients(SentinelPrincipals.STREAMS));
        AccessProbe reader = new AccessProbe(clients(SentinelPrincipals.READER));
        AccessProbe admin = new AccessProbe(clients("admin"));
        List<Row> table = List.of(
                new Row("sentinel-producer", "write " + declarations, () -> producer.write(declarations), Outcome.ALLOWED),
                new Row("sentinel-producer", "write " + rejected, () -> producer.write(rejected), Outcome.ALLOWED),
                new Row("sentinel-producer", "write " + hs, () -> producer.write(hs), Outcome.ALLOWED),
                new Row("sentinel-producer", "write " + watchlist, () -> producer.write(watchlist), Outcome.ALLOWED),
                new Row("sentinel-producer", "write " + rules, () -> producer.write(rules), Outcome.ALLOWED),
                new Row("sentinel-producer", "read " + rules, () -> producer.read(rules), Outcome.ALLOWED),
                new Row("sentinel-producer", "read " + declarations, () -> producer.read(declarations), Outcome.DENIED),
                new Row("sentinel-producer", "read " + alerts, () -> producer.read(alerts), Outcome.DENIED),
                new Row("sentinel-producer", "write " + alerts, () -> producer.write(alerts), Outcome.DENIED),
                new Row("sentinel-producer", "write " + enriched, () -> producer.write(enriched), Outcome.DENIED),
                new Row("sentinel-producer", "write " + dispositions, () -> producer.write(dispositions), Outcome.DENIED),
                new Row("sentinel-producer", "create " + APP + "-x", () -> producer.create(APP + "-x"), Outcome.DENIED),
                new Row("sentinel-producer", "transactional id " + APP + "-1", () -> producer.transactionalId(APP + "-1"), Outcome.DENIED),
                new Row("sentinel-producer", "delete " + declarations, () -> producer.delete(declarations), Outcome.DENIED),
                new Row("sentinel-producer", "create an ACL", () -> producer.grantItselfEverything(SentinelPrincipals.PRODUCER), Outcome.DENIED),

                new Row("sentinel-streams", "read " + declarations, () -> streams.read(declarations), Outcome.ALLOWED),
                new Row("sentinel-streams", "read " + hs, () -> streams.read(hs), Outcome.ALLOWED),
                new Row("sentinel-streams", "read " + watchlist, () -> streams.read(watchlist), Outcome.ALLOWED),
                new Row("sentinel-streams", "read " + rules, () -> streams.read(rules), Outcome.ALLOWED),
                new Row("sentinel-streams", "read " + rejected, () -> streams.read(rejected), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + enriched, () -> streams.write(enriched), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + flows, () -> streams.write(flows), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + alerts, () -> streams.write(alerts), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + risk, () -> streams.write(risk), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + dispositions, () -> streams.write(dispositions), Outcome.ALLOWED),
                new Row("sentinel-streams", "read " + dispositions, () -> streams.read(dispositions), Outcome.ALLOWED),
                new Row("sentinel-streams", "create " + APP + "-probe-changelog", () -> streams.create(APP + "-probe-changelog"), Outcome.ALLOWED),
                new Row("sentinel-streams", "group " + APP, () -> streams.useGroup(APP, declarations), Outcome.ALLOWED),
                new Row("sentinel-streams", "transactional id " + APP + "-1", () -> streams.transactionalId(APP + "-1"), Outcome.ALLOWED),
                new Row("sentinel-streams", "write " + declarations, () -> streams.write(declarations), Outcome.DENIED),
                new Row("sentinel-streams", "write " + rules, () -> streams.write(rules), Outcome.DENIED),
                new Row("sentinel-streams", "write " + watchlist, () -> streams.write(watchlist), Outcome.DENIED),
                new Row("sentinel-streams", "group sentinel-reader-x", () -> streams.useGroup("sentinel-reader-x", declarations), Outcome.DENIED),
                new Row("sentinel-streams", "transactional id other-app-1", () -> streams.transactionalId("other-app-1"), Outcome.DENIED),
                new Row("sentinel-streams", "create other-topic", () -> streams.create("other-topic"), Outcome.DENIED),
                new Row("sentinel-streams", "delete " + declarations, () -> streams.delete(declarations), Outcome.DENIED),
                new Row("sentinel-streams", "create an ACL", () -> streams.grantItselfEverything(SentinelPrincipals.STREAMS), Outcome.DENIED),

                new Row("sentinel-reader", "read " + alerts, () -> reader.read(alerts), Outcome.ALLOWED),
                new Row("sentinel-reader", "read " + flows, () -> reader.read(flows), Outcome.ALLOWED),
                new Row("sentinel-reader", "read " + dispositions, () -> reader.read(dispositions), Outcome.ALLOWED),
                new Row("sentinel-reader", "write " + dispositions, () -> reader.write(dispositions), Outcome.DENIED),
                new Row("sentinel-reader", "group sentinel-reader-dashboard", () -> reader.useGroup("sentinel-reader-dashboard", alerts), Outcome.ALLOWED),
                new Row("sentinel-reader", "read " + declarations, () -> reader.read(declarations), Outcome.DENIED),
                new Row("sentinel-reader", "read " + enriched, () -> reader.read(enriched), Outcome.DENIED),
                new Row("sentinel-reader", "read " + risk, () -> reader.read(risk), Outcome.DENIED),
                new Row("sentinel-reader", "read " + watchlist, () -> reader.read(watchlist), Outcome.DENIED),
                new Row("sentinel-reader", "write " + alerts, () -> reader.write(alerts), Outcome.DENIED),
                new Row("sentinel-reader", "group " + APP, () -> reader.useGroup(APP, alerts), Outcome.DENIED),
                new Row("sentinel-reader", "create sentinel-reader-topic", () -> reader.create("sentinel-reader-topic"), Outcome.DENIED),
                new Row("sentinel-reader", "create an ACL", () -> reader.grantItselfEverything(SentinelPrincipals.READER), Outcome.DENIED),

                new Row("admin", "read " + declarations, () -> admin.read(declarations), Outcome.ALLOWED),
                new Row("admin", "create an ACL", () -> admin.grantItselfEverything("someone"), Outcome.ALLOWED));
        List<String> wrong = new ArrayList<>();
        StringBuilder printed = new StringBuilder(String.format("%-18s %-52s %-8s %s%n", "PRINCIPAL", "ACTION", "EXPECTED", "GOT"));
        for (Row row : table) {
            Outcome got = row.action().get();
            printed.append(String.format("%-18s %-52s %-8s %s%n", row.principal(), row.description(), row.expected(), got));
            if (got != row.expected()) {
                wrong.add(row.principal() + " " + row.description() + ": expected " + row.expected() + ", got " + got);
            }
        }
        System.out.print(printed);
        assertTrue(wrong.isEmpty(), "rights differ from the table:\n" + String.join("\n", wrong) + "\n" + printed);
    }

    @Test
    void shouldRefuseAStreamsAppWithoutItsRightsAtStartAndStopInsteadOfRetrying() throws Exception {
        Path log = dir.resolve("streams-as-reader.log");
        long started = System.nanoTime();
        SentinelCommand.Result result = SentinelCommand.run(log, Map.of(), 120, "streams",
                "--config", clientFiles.resolve("reader.properties").toString(), "--http-port", "0",
                "--state-dir", dir.resolve("state").toString());
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.lastLine().startsWith("sentinel streams: not authorized to create topic ")
                && result.lastLine().endsWith(" as sentinel-reader"), result.lastLine());
        assertTrue((System.nanoTime() - started) / 1e9 < 90, "stopped rather than retrying");
    }

    /** Last: it takes a right away for a while. */
    @Test
    @Order(Integer.MAX_VALUE)
    void shouldStopAStreamsAppThatLosesARightItNeedsSayingWhich() throws Exception {
        AclBinding read = new AclBinding(new ResourcePattern(ResourceType.TOPIC, SentinelTopic.DECLARATIONS.in(NAMES), PatternType.LITERAL),
                new AccessControlEntry("User:" + SentinelPrincipals.STREAMS, "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(clients("admin"))) {
            admin.deleteAcls(List.of(read.toFilter())).all().get(30, TimeUnit.SECONDS);
            try {
                long started = System.nanoTime();
                SentinelCommand.Result result = SentinelCommand.run(dir.resolve("streams-without-read.log"), Map.of(), 180, "streams",
                        "--config", clientFiles.resolve("streams.properties").toString(), "--http-port", "0",
                        "--state-dir", dir.resolve("state-2").toString());
                assertEquals(1, result.exitCode(), result.output());
                List<String> lines = result.output().lines().toList();
                assertTrue(lines.contains("sentinel streams: stopped after an error: not authorized to read or write topic"
                        + " customs.declarations as sentinel-streams"), result.output());
                assertTrue(result.lastLine().startsWith("sentinel streams: stopped after an error: not authorized"), result.lastLine());
                assertTrue(result.stdout().strip().endsWith("Stopped."), "then stops cleanly: " + result.stdout());
                assertFalse(result.output().contains("\tat "), "no stack trace without SENTINEL_DEBUG:\n" + result.output());
                assertTrue((System.nanoTime() - started) / 1e9 < 150, "stopped rather than retrying");
            } finally {
                admin.createAcls(List.of(read)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private record Row(String principal, String description, Supplier<Outcome> action, Outcome expected) {
    }
}
