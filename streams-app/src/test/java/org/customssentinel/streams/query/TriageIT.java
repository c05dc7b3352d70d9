package org.customssentinel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.streams.app.Replays;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.query.access.PasswordHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verdicts on alerts end to end, on two instances of one app with logins: given on one instance, kept on
 * customs.alerts.dispositions, shown by the other; refused to readers, to unknown alerts and to other origins; and
 * the same from the dashboard in headless Chromium.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct-horse-battery";
    private static final String ALICE_TOKEN = "tok-alice-5f1c0a9e3b7d4e2a8c6b";
    private static final String RITA_TOKEN = "tok-rita-8d2e4b6a1c3f5e7d9b0a";

    private final StackEndpoints stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path work;
    private Replays replays;
    private Replays.Replay replay;
    private HttpSecurity security;
    private ServedPair pair;
    private ServedStreams first;
    private ServedStreams second;

    TriageIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeAll
    void startTwoInstancesWithLogins() throws Exception {
        work = Files.createTempDirectory("triage-it-");
        Map<String, HttpUsers.User> users = new LinkedHashMap<>();
        String hash = PasswordHash.hash(PASSWORD.toCharArray());
        users.put("alice", new HttpUsers.User("alice", hash, Optional.of(PasswordHash.tokenHash(ALICE_TOKEN)), Set.of(HttpUsers.Role.TRIAGE)));
        users.put("rita", new HttpUsers.User("rita", hash, Optional.of(PasswordHash.tokenHash(RITA_TOKEN))));
        Path file = work.resolve("users");
        HttpUsers.write(file, users);
        security = new HttpSecurity(Optional.of(HttpUsers.load(file)), Optional.empty(), Optional.empty());
        replays = new Replays(stack, work);
        replay = replays.prepare("triage");
        replays.publish(replay, "chpl-surge", 0.05, Speed.MAX);
        pair = ServedPair.start(replays, replay, work, QuerySettings.local(0).withSecurity(security));
        first = pair.first();
        second = pair.second();
    }

    @AfterAll
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private HttpResponse<String> get(ServedStreams instance, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(ServedStreams instance, String path) throws Exception {
        HttpResponse<String> response = get(instance, path, ALICE_TOKEN);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> decide(ServedStreams instance, String alertId, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/api/alerts/" + alertId + "/disposition"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code instance} shows the alert with this verdict in force. */
    private JsonNode awaitVerdict(ServedStreams instance, String alertId, String verdict) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode alert = json(instance, "/api/alerts/" + alertId);
            if (verdict.equals(alert.path("disposition").path("latest").path("verdict").asText())) {
                return alert;
            }
            assertTrue(System.nanoTime() < deadline, "instance " + instance.port() + " did not show " + verdict + " on " + alertId + ": " + alert);
            Thread.sleep(200);
        }
    }

    /** The newest alerts, across both instances. */
    private List<String> alertIds(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        json(first, "/api/alerts?limit=" + n).forEach(alert -> ids.add(alert.path("alertId").asText()));
        assertEquals(n, ids.size(), "the replay raised at least " + n + " alerts");
        return ids;
    }

    @Test
    void shouldKeepAVerdictGivenOnOneInstanceWithItsHistoryAndShowItOnTheOther() throws Exception {
        String alertId = alertIds(3).get(2);
        HttpResponse<String> confirmed = decide(second, alertId, ALICE_TOKEN, "{\"verdict\":\"INSPECTING\",\"note\":\"held at Brest\"}");
        assertEquals(201, confirmed.statusCode(), confirmed.body());
        JsonNode kept = JSON.readTree(confirmed.body());
        assertEquals("alice", kept.path("latest").path("decidedBy").asText());
        assertEquals("held at Brest", kept.path("latest").path("note").asText());
        JsonNode shownBySecond = json(second, "/api/alerts/" + alertId);
        assertEquals("INSPECTING", shownBySecond.path("disposition").path("latest").path("verdict").asText(), "read back before the answer");
        awaitVerdict(first, alertId, "INSPECTING");

        assertEquals(201, decide(first, alertId, ALICE_TOKEN, "{\"verdict\":\"dismissed\",\"note\":\"invoice matched\"}").statusCode());
        JsonNode shown = awaitVerdict(second, alertId, "DISMISSED");
        assertEquals(List.of("INSPECTING"), List.of(shown.path("disposition").path("earlier").get(0).path("verdict").asText()));
        assertEquals(alertId, shown.path("alertId").asText());

        List<String> dismissed = new ArrayList<>();
        json(second, "/api/alerts?limit=1000&verdict=dismissed").forEach(a -> dismissed.add(a.path("alertId").asText()));
        assertTrue(dismissed.contains(alertId), dismissed.toString());
        json(first, "/api/alerts?limit=1000&verdict=open").forEach(a -> assertFalse(a.path("alertId").asText().equals(alertId), "not open"));
        JsonNode precision = json(first, "/api/dispositions/precision?since=2000-01-01");
        assertTrue(precision.path("rules").size() >= 1, precision.toString());

        String metrics = get(first, "/metrics", ALICE_TOKEN).body() + get(second, "/metrics", ALICE_TOKEN).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("sentinel_alert_dispositions_total{") && l.contains("verdict=\"DISMISSED\"")),
                "counted on the instance that took it");
        assertTrue(metrics.contains("sentinel_alert_time_to_first_verdict_seconds_count"), "time to first verdict measured");
    }

    @Test
    void shouldShowTheSameAlertsWithTheirVerdictsOnAReplayIntoAFreshApplicationId() throws Exception {
        String alertId = alertIds(4).get(3);
        assertEquals(201, decide(first, alertId, ALICE_TOKEN, "{\"verdict\":\"CONFIRMED\",\"note\":\"case 2026-311\"}").statusCode());
        JsonNode judged = awaitVerdict(first, alertId, "CONFIRMED");
        // A fresh application id: its own state and outputs, the same input and the same verdicts topic.
        StreamsSettings fresh = replays.settings(replay, "fresh");
        try (ServedStreams replayed = ServedStreams.start(new StreamsSettings(fresh.applicationId(), fresh.clientConfigs(),
                fresh.processingGuarantee(), fresh.topology(), fresh.partitions(), fresh.replicationFactor(), work.resolve("state-fresh"),
                fresh.timeout()), QuerySettings.local(0).withSecurity(security))) {
            replays.awaitQueryable(fresh, Duration.ofMinutes(3));
            JsonNode again = awaitVerdict(replayed, alertId, "CONFIRMED");
            assertEquals(judged, again, "the same alert, figures and verdict, under the same id");
        }
    }

    @Test
    void shouldRefuseReadersUnknownAlertsAndMalformedVerdicts() throws Exception {
        String alertId = alertIds(1).get(0);
        HttpResponse<String> reader = decide(first, alertId, RITA_TOKEN, "{\"verdict\":\"CONFIRMED\"}");
        assertEquals(403, reader.statusCode());
        HttpResponse<String> unknown = decide(first, "0123456789abcdef0123456789abcdef", ALICE_TOKEN, "{\"verdict\":\"CONFIRMED\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no alert 0123456789abcdef0123456789abcdef"), unknown.body());
        assertEquals(400, decide(first, "not-an-id", ALICE_TOKEN, "{\"verdict\":\"CONFIRMED\"}").statusCode());
        HttpResponse<String> badVerdict = decide(second, alertId, ALICE_TOKEN, "{\"verdict\":\"CLOSED\"}");
        assertEquals(400, badVerdict.statusCode());
        assertTrue(badVerdict.body().contains("unknown verdict 'CLOSED'"), badVerdict.body());
        assertEquals(400, get(first, "/api/alerts?verdict=maybe", ALICE_TOKEN).statusCode());
    }

    @Test
    void shouldLetATriageUserSetAVerdictFromTheDashboardAndNotAReaderOrAnotherOrigin() throws Exception {
        Path chromium = HeadlessChromium.executable();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium): dashboard not driven");
        String alertId = alertIds(2).get(0);
        String pageOfFirst = "http://127.0.0.1:" + first.port() + "/";
        String pageOfSecond = "http://127.0.0.1:" + second.port() + "/";
        String line = "document.querySelector('#alerts li[data-alert-id=\"" + alertId + "\"]')";
        try (HeadlessChromium browser = new HeadlessChromium(chromium, Files.createDirectories(work.resolve("chromium-alice")), 1280, 900)) {
            browser.sendWithEveryRequest(Map.of("Authorization", basic("alice")));
            browser.navigate(pageOfFirst);
            assertTrue(browser.await(line + " !== null && " + line + ".querySelector('.triage button') !== null", Duration.ofSeconds(30)),
                    "alice sees the alert with buttons");
            browser.evaluate(line + ".querySelector('.triage input').value = 'seized: 40 boards without licence'");
            browser.evaluate(line + ".querySelector('button[data-verdict=\"CONFIRMED\"]').click()");
            assertTrue(browser.await(line + ".querySelector('.verdict').textContent === 'CONFIRMED · alice'", Duration.ofSeconds(20)),
                    "the verdict shows on the line it was given on");
            assertEquals("seized: 40 boards without licence", awaitVerdict(second, alertId, "CONFIRMED").path("disposition").path("latest")
                    .path("note").asText());
            browser.evaluate("document.querySelector('#precision-period').value = 'all'; refreshPrecision()");
            assertTrue(browser.await("document.querySelectorAll('#precision tbody tr[data-rule]').length > 0", Duration.ofSeconds(20)),
                    "the rule's precision from verdicts");
            assertEquals(List.of(), browser.errors(), "no errors in the browser console");
            browser.screenshot(Path.of("target", "dashboard-triage.png"));

            browser.navigate(pageOfSecond);
            assertTrue(browser.await(line + " !== null && " + line + ".querySelector('.verdict').textContent === 'CONFIRMED · alice'",
                    Duration.ofSeconds(30)), "the other instance's dashboard shows the verdict");

            // From the second instance's page (another origin), a request to the first one carrying alice's login:
            // a form-like simple request reaches the server, which refuses it; one with JSON is stopped by the browser.
            String other = alertIds(2).get(1);
            browser.evaluateAsync("fetch('" + pageOfFirst + "api/alerts/" + other + "/disposition', {method: 'POST', mode: 'no-cors',"
                    + " credentials: 'include', headers: {'Content-Type': 'text/plain'}, body: '{\"verdict\":\"DISMISSED\"}'}).then(r => r.type)");
            String blocked = browser.evaluateAsync("fetch('" + pageOfFirst + "api/alerts/" + other + "/disposition', {method: 'POST',"
                    + " credentials: 'include', headers: {'Content-Type': 'application/json'}, body: '{\"verdict\":\"DISMISSED\"}'})"
                    + ".then(r => 'status ' + r.status, e => 'blocked')").asText();
            assertEquals("blocked", blocked);
            Thread.sleep(1_000);
            assertTrue(json(first, "/api/alerts/" + other).path("disposition").isNull(), "no cross-origin verdict was kept");
        }
        try (HeadlessChromium browser = new HeadlessChromium(chromium, Files.createDirectories(work.resolve("chromium-rita")), 1280, 900)) {
            browser.sendWithEveryRequest(Map.of("Authorization", basic("rita")));
            browser.navigate(pageOfFirst);
            assertTrue(browser.await(line + " !== null && " + line + ".querySelector('.verdict').textContent === 'CONFIRMED · alice'",
                    Duration.ofSeconds(30)), "a reader sees verdicts");
            assertEquals(0, browser.evaluate("document.querySelectorAll('.triage button').length").asInt(), "and no buttons");
            String status = browser.evaluateAsync("fetch('/api/me').then(r => r.json()).then(me => fetch('/api/alerts/" + alertId
                    + "/disposition', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken},"
                    + " body: '{\"verdict\":\"DISMISSED\"}'})).then(r => r.status)").asText();
            assertEquals("403", status, "a reader's own page is refused a verdict");
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
