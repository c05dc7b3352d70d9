package org.customssentinel.cli.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.cli.Sentinel;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.query.QuerySettings;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line path of triage and its way back to the analysts: {@code http-user add --role triage}, then
 * {@code triage} against a running app's query API, then {@code dispositions export}, then {@code backtest --labels}
 * over the same declarations, which must score the known answer (one confirmed case caught, one dismissed alert a
 * false positive) and, with a setting that no longer raises the case, say so.
 */
@ExtendWith(LocalStackExtension.class)
class TriageCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "declaration_id,declaration_type,lodged_at,declarant_name,exporter_name,exporter_id,"
            + "exporter_country,importer_name,importer_id,importer_country,country_of_origin,country_of_dispatch,"
            + "country_of_destination,customs_office,transport_mode,item_no,hs_code,description,quantity,unit,net_mass_kg,value_usd";
    /** Windows are weeks from the epoch's Thursdays. */
    private static final Instant WEEK0 = Instant.parse("2022-01-06T00:00:00Z");
    private static final String PASSWORD = "correct-horse-battery";

    @TempDir
    Path dir;

    private final String prefix = "triage-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int rows;

    private int run(String stdin, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream((stdin + "\n").getBytes(StandardCharsets.UTF_8)));
        try {
            picocli.CommandLine sentinel = Sentinel.commandLine();
            sentinel.setOut(new PrintWriter(out, true));
            sentinel.setErr(new PrintWriter(err, true));
            return sentinel.execute(args);
        } finally {
            System.setIn(before);
        }
    }

    private String[] connected(StackEndpoints stack, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                "--topic-prefix", prefix));
        return all.toArray(String[]::new);
    }

    /** Listed processors (CHPL Tier 1) to Russia from {@code dispatch}, or furniture from Germany (no list) to move stream time on. */
    private String row(int week, String dispatch, String usd) {
        rows++;
        boolean chips = dispatch != null;
        String from = chips ? dispatch : "DE";
        return String.format("TRIAGE-%04d,IMPORT,%s,Broker,%s,,%s,OOO Vector,,RU,%s,%s,RU,RU10702070,ROAD,1,%s,%s,10,pcs,8.4,%s", rows,
                WEEK0.plus(Duration.ofDays(7L * week + 2)), chips ? "Exporter " + from : "Moebelwerk Sued GmbH", from, from, from,
                chips ? "854231" : "940360", chips ? "Processors" : "Chairs", usd);
    }

    @Test
    void shouldTriageFromTheCommandLineAndScoreTheBacktestAgainstTheVerdicts(StackEndpoints stack) throws Exception {
        // Two flows of listed chips at $10k a week, each jumping fifty-fold in week 7: two SPIKEs.
        List<String> lines = new ArrayList<>();
        for (int week = 0; week <= 7; week++) {
            for (String dispatch : List.of("CN", "KZ")) {
                lines.add(row(week, dispatch, week == 7 ? "500000.00" : "10000.00"));
            }
        }
        lines.add(row(9, null, "10.00"));
        lines.add(row(10, null, "10.00"));
        Path declarations = Files.writeString(dir.resolve("declarations.csv"), HEADER + "\n" + String.join("\n", lines) + "\n");
        assertEquals(0, run("", connected(stack, "load-reference")), err::toString);
        assertEquals(0, run("", connected(stack, "produce", declarations.toString(), "--partitions", "1")), err::toString);

        Path users = dir.resolve("http-users");
        assertEquals(0, run(PASSWORD, "http-user", "add", "alice", "--file", users.toString(), "--password-stdin", "--role", "triage"), err::toString);
        assertTrue(out.toString().contains("may read, triage"), out::toString);
        assertEquals(0, run(PASSWORD, "http-user", "add", "rita", "--file", users.toString(), "--password-stdin"), err::toString);

        String app = prefix + "app";
        Map<String, Object> clients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.of(new TopicNames(prefix), app), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1, clients);
        HttpSecurity security = new HttpSecurity(Optional.of(HttpUsers.load(users)), Optional.empty(), Optional.empty());
        try (ServedStreams served = ServedStreams.start(new StreamsSettings(app, clients, "exactly_once_v2", topology, 1, (short) 1,
                dir.resolve("state"), Duration.ofSeconds(30)), QuerySettings.local(0).withSecurity(security))) {
            String api = "http://127.0.0.1:" + served.port();
            String cn = finalSpike(api, "CN");
            String kz = finalSpike(api, "KZ");

            assertEquals(1, run(PASSWORD, "triage", cn, "--verdict", "confirmed", "--api", api, "--user", "rita", "--password-stdin"));
            assertTrue(err.toString().contains("rita may read but not give verdicts"), err::toString);
            assertEquals(1, run(PASSWORD, "triage", "0123456789abcdef0123456789abcdef", "--verdict", "confirmed", "--api", api, "--user", "alice",
                    "--password-stdin"));
            assertTrue(err.toString().contains("HTTP 404") && err.toString().contains("no alert"), err::toString);
            assertEquals(2, run(PASSWORD, "triage", cn, "--verdict", "closed", "--api", api, "--user", "alice", "--password-stdin"));
            assertTrue(err.toString().contains("unknown verdict 'closed'"), err::toString);

            assertEquals(0, run(PASSWORD, "triage", cn, "--verdict", "inspecting", "--api", api, "--user", "alice", "--password-stdin"), err::toString);
            assertEquals(0, run(PASSWORD, "triage", cn, "--verdict", "confirmed", "--note", "40 boards, no licence", "--api", api, "--user", "alice",
                    "--password-stdin"), err::toString);
            assertTrue(out.toString().startsWith("CONFIRMED on alert " + cn + " (SPIKE CN→RU 854231, window 2022-02-24) by alice at "), out::toString);
            assertTrue(out.toString().contains("  earlier: INSPECTING by alice at "), out::toString);
            assertEquals(0, run(PASSWORD, "triage", kz, "--verdict", "dismissed", "--note", "known distributor", "--api", api, "--user", "alice",
                    "--password-stdin"), err::toString);
        }

        assertEquals(0, run("", connected(stack, "dispositions", "list", "--history")), err::toString);
        assertTrue(out.toString().contains("CONFIRMED") && out.toString().contains("40 boards, no licence") && out.toString().contains("DISMISSED"),
                out::toString);
        Path labels = dir.resolve("verdicts.csv");
        assertEquals(0, run("", connected(stack, "dispositions", "export", "--labels", labels.toString())), err::toString);
        assertEquals("wrote 2 label(s) to " + labels + ": 1 confirmed, 1 dismissed; 0 alert(s) still inspecting left out", out.toString().strip());
        String written = Files.readString(labels);
        assertTrue(written.startsWith("dispatch,destination,hs_code,first_window,last_window,rules,description,origin,verdict\n"), written);
        assertTrue(written.contains("CN,RU,854231,2022-02-24,2022-02-24,SPIKE,") && written.contains(",CONFIRMED\n"), written);

        Path json = dir.resolve("scores.json");
        Path report = dir.resolve("report.html");
        assertEquals(0, run("", "backtest", declarations.toString(), "--labels", labels.toString(), "--partitions", "1",
                "--grid", "rules.spike.ratio=10,100", "--json", json.toString(), "--report", report.toString()), err::toString);
        JsonNode results = JSON.readTree(Files.readString(json)).path("settings");
        JsonNode asLive = results.get(0).path("score");
        assertEquals(1, asLive.path("truePositives").asInt(), asLive.toString());
        assertEquals(1, asLive.path("falsePositives").asInt(), "the dismissed SPIKE: " + asLive);
        assertEquals(0.5, asLive.path("precision").asDouble(), 1e-9, "over the alerts ops judged");
        assertEquals(1.0, asLive.path("recall").asDouble(), 1e-9);
        assertEquals(asLive.path("alerts").asInt() - 2, asLive.path("unjudged").asInt());
        JsonNode stricter = results.get(1).path("score");
        assertEquals(0.0, stricter.path("recall").asDouble(), 1e-9, "ratio 100 raises neither fifty-fold spike: " + stricter);
        assertTrue(out.toString().contains("would no longer raise 1 confirmed case(s): CN|RU|854231 2022-02-24"), out::toString);
        String html = Files.readString(report);
        assertTrue(html.contains("Confirmed cases a setting would no longer raise") && html.contains("1 confirmed case(s) missed"), "the report says so");
    }

    /** The FINAL SPIKE on {@code dispatch}→RU 854231, once its window has closed. */
    private static String finalSpike(String api, String dispatch) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String login = "Basic " + Base64.getEncoder().encodeToString(("rita:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + "/api/alerts?rule=SPIKE&flow=" + dispatch + "%7CRU%7C854231"))
                    .header("Authorization", login).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                for (JsonNode alert : JSON.readTree(answer.body())) {
                    if (alert.path("status").asText().equals("FINAL")) {
                        return alert.path("alertId").asText();
                    }
                }
            }
            assertTrue(System.nanoTime() < deadline, "no FINAL SPIKE on " + dispatch + "→RU within 120 s: " + answer.body());
            Thread.sleep(500);
        }
    }
}
