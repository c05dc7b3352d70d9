package org.customssentinel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.streams.app.Replays;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API of two instances of one app (same application id) on the local stack, over a tenth of chpl-surge:
 * every endpoint, its 400/404/503 answers, forwarding between the instances, the SSE feed, metrics, and the
 * dashboard in headless Chromium.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackEndpoints stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServedPair pair;
    private Path work;
    private Replays replays;
    private Replays.Replay replay;
    private ServedStreams first;
    private ServedStreams second;

    QueryApiIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeAll
    void startTwoInstances() throws Exception {
        work = Files.createTempDirectory("query-it-");
        replays = new Replays(stack, work);
        replay = replays.prepare("query");
        replays.publish(replay, "chpl-surge", 0.1, Speed.MAX);
        pair = ServedPair.start(replays, replay, work, QuerySettings.local(0));
        first = pair.first();
        second = pair.second();
    }

    @AfterAll
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /**
     * Instances are compared only once the app has digested everything published, this class's own declarations
     * included (another test adds one to CN|RU|854231): its windows reach the query stores a second or two later.
     */
    private void settled() throws Exception {
        replays.awaitQueryable(replays.settings(replay, "app"), Duration.ofMinutes(1));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(ServedStreams instance, String path) throws Exception {
        return get(instance.port(), path);
    }

    private JsonNode json(ServedStreams instance, String path) throws Exception {
        HttpResponse<String> response = get(instance, path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    @Test
    void shouldReportHealthWithEachInstancesTasks() throws Exception {
        JsonNode a = json(first, "/api/health");
        JsonNode b = json(second, "/api/health");
        assertEquals("RUNNING", a.path("state").asText());
        assertFalse(a.path("threads").get(0).path("activeTasks").isEmpty(), "each instance runs some tasks: " + a);
        assertFalse(b.path("threads").get(0).path("activeTasks").isEmpty(), "each instance runs some tasks: " + b);
        assertNotEquals(a.path("threads").get(0).path("activeTasks"), b.path("threads").get(0).path("activeTasks"));
        assertTrue(a.has("storeLag") && a.has("inputLag"));
    }

    @Test
    void shouldAnswerTopFlowsFromEveryInstanceAlike() throws Exception {
        settled();
        JsonNode fromFirst = json(first, "/api/flows/top?limit=8");
        JsonNode fromSecond = json(second, "/api/flows/top?limit=8");
        assertEquals(fromFirst, fromSecond, "scatter-gather over both instances");
        JsonNode flows = fromFirst.path("flows");
        assertEquals(8, flows.size());
        for (int i = 1; i < flows.size(); i++) {
            assertTrue(flows.get(i - 1).path("totalValueUsd").decimalValue().compareTo(flows.get(i).path("totalValueUsd").decimalValue()) >= 0,
                    "largest first");
        }
        JsonNode dated = json(first, "/api/flows/top?limit=3&window=2022-09-16");
        assertEquals("2022-09-15T00:00:00Z", dated.path("windowStart").asText(), "the window holding the date");
        assertEquals("HK|RU|854231", dated.path("flows").get(0).path("flowKey").asText(), "the planted Hong Kong spike leads its week");
    }

    @Test
    void shouldForwardAFlowQueryToTheInstanceThatOwnsIt() throws Exception {
        settled();
        JsonNode flows = json(first, "/api/flows/top?limit=20").path("flows");
        String self = "127.0.0.1:" + first.port();
        boolean forwarded = false;
        for (JsonNode flow : flows) {
            String path = "/api/flows/" + flow.path("flowKey").asText().replace('|', '/');
            JsonNode viaFirst = json(first, path);
            JsonNode viaSecond = json(second, path);
            assertEquals(viaFirst, viaSecond, "any instance answers any flow");
            assertTrue(viaFirst.path("windows").size() > 1);
            forwarded |= !viaFirst.path("servedBy").asText().equals(self);
        }
        assertTrue(forwarded, "among 20 flows, some are owned by the second instance and were forwarded there");
    }

    @Test
    void shouldExplainMalformedRequestsAndUnknownFlows() throws Exception {
        Map<String, String> bad = Map.of(
                "/api/flows/CHN/RU/854231", "dispatch country must be two letters",
                "/api/flows/CN/RU/85A", "HS code must be 2 to 10 digits",
                "/api/flows/top?limit=0", "limit must be a whole number from 1 to 1000",
                "/api/flows/top?window=last-week", "window must be 'latest' or an ISO date",
                "/api/alerts?rule=BIG", "rule must be one of",
                "/api/alerts?since=yesterday", "since must be an ISO instant");
        for (Map.Entry<String, String> request : bad.entrySet()) {
            HttpResponse<String> response = get(first, request.getKey());
            assertEquals(400, response.statusCode(), request.getKey());
            assertTrue(JSON.readTree(response.body()).path("error").asText().startsWith(request.getValue()), response.body());
        }
        HttpResponse<String> unknown = get(second, "/api/flows/CN/RU/999999");
        assertEquals(404, unknown.statusCode());
        assertEquals("no windows for flow CN|RU|999999", JSON.readTree(unknown.body()).path("error").asText());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port() + "/api/flows/top"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(post.statusCode() >= 400, "read-only: nothing answers a POST");
    }

    @Test
    void shouldAnswerNotReadyWithRetryAfterUntilTheAppIsThere() throws Exception {
        try (QueryServer starting = QueryServer.start(QuerySettings.local(0), replays.settings(replay, "app").topology().topics(),
                WindowSettings.weekly(), replays.clients(), SentinelMetrics.prometheusRegistry())) {
            for (String path : List.of("/api/flows/top", "/api/flows/CN/RU/854231", "/api/alerts", "/api/health")) {
                HttpResponse<String> response = get(starting.port(), path);
                assertEquals(503, response.statusCode(), path);
                assertEquals("5", response.headers().firstValue("Retry-After").orElse(""), path);
                assertFalse(response.body().contains("Exception"), "no stack trace: " + response.body());
            }
        }
    }

    @Test
    void shouldListRecentAlertsFilteredFromEveryInstance() throws Exception {
        settled();
        JsonNode surges = json(first, "/api/alerts?rule=SURGE&limit=5");
        assertEquals(surges, json(second, "/api/alerts?rule=SURGE&limit=5"));
        assertEquals(5, surges.size());
        surges.forEach(a -> assertEquals("SURGE", a.path("rule").asText()));
        Instant since = Instant.parse("2023-06-01T00:00:00Z");
        JsonNode recent = json(first, "/api/alerts?since=" + since + "&limit=1000");
        assertFalse(recent.isEmpty());
        recent.forEach(a -> assertFalse(Instant.parse(a.path("windowEnd").asText()).isBefore(since), a.toString()));
        JsonNode hongKong = json(second, "/api/alerts?flow=HK%7CRU%7C854231&rule=SPIKE");
        assertEquals("FINAL", hongKong.get(0).path("status").asText(), "the store keeps each alert's latest status");
    }

    @Test
    void shouldCountRejectedRecordsByReason() throws Exception {
        Map<String, Object> configs = new HashMap<>(replays.clients());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(configs, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(replay.topics().declarations(), "poison", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode counts = json(first, "/api/rejections");
        while (counts.path("UNDESERIALIZABLE").asLong() < 1) {
            assertTrue(System.nanoTime() < deadline, "the poison pill counted within 30 s: " + counts);
            Thread.sleep(500);
            counts = json(first, "/api/rejections");
        }
        assertEquals(counts, json(second, "/api/rejections"), "every instance counts the whole rejected topic");
        String metrics = get(first, "/metrics").body() + get(second, "/metrics").body();
        assertTrue(metrics.contains("sentinel_records_rejected_total{reason=\"UNDESERIALIZABLE\"} 1.0"), "counted where it was rejected");
    }

    @Test
    void shouldExposePrometheusMetrics() throws Exception {
        HttpResponse<String> response = get(first, "/metrics");
        assertEquals(200, response.statusCode());
        String text = response.body();
        for (String series : List.of("kafka_stream_", "kafka_consumer_", "kafka_producer_", "sentinel_declarations_processed_total",
                "sentinel_items_processed_total", "sentinel_alerts_total{rule=\"SURGE\",status=\"FINAL\"}", "sentinel_alert_latency_seconds")) {
            assertTrue(text.contains(series), "missing " + series);
        }
    }

    @Test
    void shouldStreamAnAlertTheMomentItIsRaisedAndShowItOnTheDashboard() throws Exception {
        CompletableFuture<String> event = new CompletableFuture<>();
        String declarationId = "LIVE-" + System.nanoTime();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                        + "/api/alerts/stream")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null && !event.isDone()) {
                        if (line.startsWith("data:") && line.contains(declarationId)) {
                            event.complete(line.substring(5).trim());
                        }
                    }
                }
            } catch (Exception e) {
                event.completeExceptionally(e);
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();

        Path chromium = HeadlessChromium.executable();
        HeadlessChromium browser = null;
        if (chromium != null) {
            browser = new HeadlessChromium(chromium, Files.createDirectories(work.resolve("chromium-profile")), 1280, 800);
            browser.navigate("http://127.0.0.1:" + first.port() + "/");
            assertTrue(browser.await("document.querySelectorAll('#flows tbody tr').length > 0", Duration.ofSeconds(30)), "top flows shown");
        }
        try {
            Thread.sleep(2_000);
            replays.send(replay, watchListed(declarationId));
            JsonNode alert = JSON.readTree(event.get(60, TimeUnit.SECONDS));
            assertEquals("WATCHLIST_HIT", alert.path("rule").asText());
            assertTrue(alert.path("summary").asText().contains("OOO Tekhnopark Vostok"), alert.toString());
            assumeTrue(browser != null, "Chromium is not installed (.ci/run installs Debian's chromium): dashboard not driven");
            assertTrue(browser.await("[...document.querySelectorAll('#alerts li')].some(li => li.textContent.includes('" + declarationId + "'))",
                    Duration.ofSeconds(30)), "the alert appears in the live feed");
            browser.evaluate("document.querySelector('#flows tbody tr').click()");
            assertTrue(browser.await("!document.querySelector('#detail').hidden && document.querySelectorAll('#detail-chart rect').length > 0",
                    Duration.ofSeconds(20)), "the flow detail view draws its series");
            browser.evaluate("showFlow({dispatchCountry: 'HK', destinationCountry: 'RU', hsCode: '854231'})");
            assertTrue(browser.await("[...document.querySelectorAll('#detail-chart circle title')].some(t => t.textContent.includes('HK→RU 854231'))",
                    Duration.ofSeconds(20)), "the Hong Kong spike is marked on its flow's series");
            browser.screenshot(Path.of("target", "dashboard.png"));
            assertEquals(List.of(), browser.errors(), "no errors in the browser console");
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void shouldServeEachDeclarationsLaneAndShowTheRedOnesAsText() throws Exception {
        String id = "RISK-" + System.nanoTime();
        String hostile = "<img src=x onerror=\"document.title='owned'\">Trading LLC";
        Declaration declaration = watchListed(id);
        // The watch-listed party imports; the exporter's name is the kind of text a dashboard must never run.
        declaration.setImporter(declaration.getExporter());
        declaration.setExporter(Party.newBuilder().setName(hostile).build());
        replays.send(replay, declaration);

        JsonNode risk = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (risk == null) {
            HttpResponse<String> response = get(first, "/api/declarations/" + id + "/risk");
            if (response.statusCode() == 200) {
                risk = JSON.readTree(response.body());
            } else {
                assertTrue(System.nanoTime() < deadline, "no risk for " + id + " within 60 s: " + response.body());
                Thread.sleep(500);
            }
        }
        assertEquals("RED", risk.path("lane").asText(), risk.toString());
        List<String> indicators = new ArrayList<>();
        risk.path("indicators").forEach(i -> indicators.add(i.path("name").asText()));
        assertEquals(List.of("watchlist", "list-tier"), indicators.subList(0, 2), risk.toString());
        assertEquals(hostile, risk.path("exporterName").asText());
        assertEquals(risk, json(second, "/api/declarations/" + id + "/risk"), "the other instance answers the same, forwarded or not");
        assertEquals(404, get(first, "/api/declarations/NO-SUCH-DECLARATION/risk").statusCode());

        JsonNode lanes = json(first, "/api/risk/lanes?limit=200");
        long red = 0;
        long all = 0;
        for (JsonNode window : lanes) {
            red += window.path("RED").asLong();
            all += window.path("GREEN").asLong() + window.path("YELLOW").asLong() + window.path("ORANGE").asLong() + window.path("RED").asLong();
        }
        assertTrue(red >= 1 && all > red, lanes.toString());
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get(first, "/api/risk/red?limit=1000").body().contains(id)) {
            assertTrue(System.nanoTime() < deadline, "the RED declaration is listed within 30 s");
            Thread.sleep(500);
        }

        Path chromium = HeadlessChromium.executable();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium): dashboard not driven");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, Files.createDirectories(work.resolve("chromium-risk")), 1280, 1000)) {
            browser.navigate("http://127.0.0.1:" + second.port() + "/");
            assertTrue(browser.await("document.querySelectorAll('#lanes-chart rect.lane-RED').length > 0", Duration.ofSeconds(30)),
                    "lane counts drawn per window");
            assertTrue(browser.await("document.querySelector('#red li[data-declaration-id=\"" + id + "\"]') !== null", Duration.ofSeconds(30)),
                    "the RED declaration listed with its reasons");
            String shown = browser.evaluate("document.querySelector('#red li[data-declaration-id=\"" + id + "\"]').textContent")
                    .asText();
            assertTrue(shown.contains(hostile), "the party's name appears literally: " + shown);
            assertTrue(shown.contains("watchlist") && shown.contains("list-tier"), shown);
            assertEquals(0, browser.evaluate("document.querySelectorAll('#red img').length").asInt(),
                    "no element made from declaration text");
            assertTrue(!"owned".equals(browser.evaluate("document.title").asText()), "no script ran");
            assertEquals(List.of(), browser.errors(), "no errors in the browser console");
        }
    }

    /** A declaration by a watch-listed exporter, after the scenario's last day so it is never late. */
    private static Declaration watchListed(String id) {
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT)
                .setLodgedAt(Instant.parse("2024-01-02T10:00:00Z"))
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("OOO Tekhnopark Vostok").build())
                .setImporter(Party.newBuilder().setName("OOO Elektronnye Komponenty").build())
                .setCountryOfOrigin("CN").setCountryOfDispatch("CN").setCountryOfDestination("RU")
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode("854231").setDescription("processors")
                        .setQuantity(new BigDecimal("10.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal("25000.00")).build()))
                .build();
    }
}
