package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.streams.app.SentinelStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's commands run in-process against the local stack. */
@ExtendWith(LocalStackExtension.class)
class SentinelCommandsIT {

    private static final String HEADER = "declaration_id,declaration_type,lodged_at,declarant_name,exporter_name,exporter_id,"
            + "exporter_country,importer_name,importer_id,importer_country,country_of_origin,country_of_dispatch,"
            + "country_of_destination,customs_office,transport_mode,item_no,hs_code,description,quantity,unit,net_mass_kg,value_usd";
    private static final String ROW = "MRN-1,IMPORT,2022-03-24T08:15:00Z,Broker,Shenzhen Huaxin Electronics Co.,,CN,"
            + "OOO Tekhnopark Vostok,,RU,CN,CN,RU,RU10702070,ROAD,1,854231,Processors,1200,pcs,8.4,412500.00";

    @TempDir
    Path dir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine sentinel = Sentinel.commandLine();
        sentinel.setOut(new PrintWriter(out, true));
        sentinel.setErr(new PrintWriter(err, true));
        return sentinel.execute(args);
    }

    @Test
    void shouldReportBothServicesHealthy(StackEndpoints stack) {
        int code = run("check", "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(0, code, err::toString);
        assertTrue(out.toString().contains("Kafka           OK  cluster"), out::toString);
        assertTrue(out.toString().contains("global compatibility BACKWARD"), out::toString);
    }

    @Test
    void shouldNameTheServiceThatDoesNotAnswer(StackEndpoints stack) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        int code = run("check", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", "http://127.0.0.1:" + deadPort, "--timeout", "PT3S");
        assertEquals(1, code);
        assertTrue(err.toString().contains("Schema registry FAILED") && err.toString().contains(String.valueOf(deadPort)), err::toString);
        assertTrue(out.toString().contains("Kafka           OK"), out::toString);
    }

    @Test
    void shouldRefuseATakenPortWithOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("stack", "--kafka-port", String.valueOf(taken.getLocalPort()), "--registry-port", "0");
            assertEquals(2, code);
            String message = err.toString().trim();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("sentinel stack: port " + taken.getLocalPort()), message);
        }
    }

    @Test
    void shouldPublishAFileAndEndWithTheSummaryLine(StackEndpoints stack) throws Exception {
        Path file = Files.writeString(dir.resolve("one.csv"), HEADER + "\n" + ROW + "\n" + ROW.replace("MRN-1", "MRN-2").replace("854231", "85423") + "\n");
        int code = run("produce", file.toString(), "--topic", "cli.declarations." + unique, "--rejected-topic", "cli.rejected." + unique,
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(0, code, err::toString);
        assertTrue(out.toString().startsWith("accepted 1 declarations (1 items), rejected 1"), out::toString);
    }

    @Test
    void shouldExitOneWhenNothingIsAccepted(StackEndpoints stack) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), HEADER + "\n" + ROW.replace("854231", "85") + "\n");
        int code = run("produce", file.toString(), "--topic", "cli.declarations." + unique, "--rejected-topic", "cli.rejected." + unique,
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(1, code, err::toString);
        assertTrue(out.toString().startsWith("accepted 0 declarations (0 items), rejected 1"), out::toString);
    }

    @Test
    void shouldStopAtTheFirstInvalidRecordWhenStrict(StackEndpoints stack) throws Exception {
        Path file = Files.writeString(dir.resolve("strict.csv"), HEADER + "\n" + ROW.replace("MRN-1", "MRN-0").replace("854231", "85")
                + "\n" + ROW + "\n");
        int code = run("produce", file.toString(), "--strict", "--topic", "cli.declarations." + unique, "--rejected-topic", "cli.rejected." + unique,
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(1, code);
        assertTrue(err.toString().trim().startsWith("sentinel produce: --strict: " + file + ":2 rejected: INVALID_HS_CODE"), err::toString);
        assertEquals("", out.toString());
    }

    @Test
    void shouldNameAMissingFileWithUsageExitCode(StackEndpoints stack) {
        int code = run("produce", dir.resolve("absent.csv").toString(), "--bootstrap-servers", stack.bootstrapServers());
        assertEquals(2, code);
        assertEquals("sentinel produce: no such file: " + dir.resolve("absent.csv"), err.toString().trim());
    }

    @Test
    void shouldGiveUpOnAnUnreachableBrokerWithinTheTimeout() throws Exception {
        Path file = Files.writeString(dir.resolve("one.csv"), HEADER + "\n" + ROW + "\n");
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        int code = run("produce", file.toString(), "--bootstrap-servers", "127.0.0.1:" + deadPort, "--timeout", "PT3S");
        assertEquals(1, code);
        assertTrue(System.nanoTime() - started < 30_000_000_000L, "bounded wait");
        assertEquals("sentinel produce: Kafka at 127.0.0.1:" + deadPort + " did not answer within 3 s", err.toString().trim());
    }

    @Test
    void shouldNameAnUnreachableRegistry(StackEndpoints stack) throws Exception {
        Path file = Files.writeString(dir.resolve("one.csv"), HEADER + "\n" + ROW + "\n");
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        int code = run("produce", file.toString(), "--topic", "cli.declarations." + unique, "--rejected-topic", "cli.rejected." + unique,
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", "http://127.0.0.1:" + deadPort);
        assertEquals(1, code);
        String message = err.toString().trim();
        assertTrue(message.startsWith("sentinel produce: schema registry at http://127.0.0.1:" + deadPort + " unreachable"), message);
    }

    @Test
    void shouldReportARegistryThatRefusesTheSchema(StackEndpoints stack) throws Exception {
        String topic = "cli.refused." + unique;
        Schema other = SchemaBuilder.record("Declaration").namespace("elsewhere").fields().requiredLong("serial").endRecord();
        SchemaRegistryClients.fromConfigs(Map.of("schema.registry.url", stack.schemaRegistryUrl())).register(topic + "-value", other);
        Path file = Files.writeString(dir.resolve("one.csv"), HEADER + "\n" + ROW + "\n");
        int code = run("produce", file.toString(), "--topic", topic, "--rejected-topic", "cli.rejected." + unique,
                "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(1, code);
        String message = err.toString().trim();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("sentinel produce: schema registry at " + stack.schemaRegistryUrl()
                + " refused the Declaration schema for subject " + topic + "-value"), message);
    }

    @Test
    void shouldRefuseToResetARunningAppAndResetItOnceStopped(StackEndpoints stack) throws Exception {
        String app = "reset-it-" + unique;
        Map<String, Object> clients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults(app), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1, clients);
        Path state = dir.resolve("state");
        try (SentinelStreams streams = SentinelStreams.start(new StreamsSettings(app, clients, "at_least_once", topology, 1, (short) 1,
                state, Duration.ofSeconds(30)))) {
            assertTrue(streams.awaitRunning(Duration.ofSeconds(60)));
            int code = run("reset", "--application-id", app, "--state-dir", state.toString(), "--bootstrap-servers", stack.bootstrapServers());
            assertEquals(1, code);
            assertTrue(err.toString().startsWith("sentinel reset: application " + app + " still has 1 running instance(s)"), err::toString);
        }
        int code = run("reset", "--application-id", app, "--state-dir", state.toString(), "--bootstrap-servers", stack.bootstrapServers());
        assertEquals(0, code, err::toString);
        assertTrue(out.toString().contains("Reset " + app + ": the next 'sentinel streams' replays from the beginning."), out::toString);
        assertFalse(Files.exists(state.resolve(app)), "local state removed");
    }

    @Test
    void shouldTreatAMissingCommandAsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing a command") && err.toString().contains("stack"), err::toString);
    }
}
