package org.customssentinel.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.customssentinel.localstack.security.CertificateAuthority;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.query.access.PasswordHash;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API's protections, on a server not yet attached to Kafka Streams (its queries answer 503 once past the
 * guard, which is enough to tell "let in" from "refused"): logins, roles, headers, methods, bodies, CORS, the defences of
 * the one write (same origin, CSRF token, JSON of bounded size) and HTTPS.
 */
class QueryServerSecurityTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String TOKEN = "tok-2b7e151628aed2a6abf7158809cf4f3c";
    private static final String TRIAGE_TOKEN = "tok-3c4fcf098815f7aba6d2ae2816157e2b";
    private static final String ALERT_PATH = "/api/alerts/0123456789abcdef0123456789abcdef/disposition";
    private static final String VERDICT = "{\"verdict\":\"CONFIRMED\",\"note\":\"seized\"}";
    private static final List<String> PROTECTED = List.of("/", "/index.html", "/app.js", "/api/alerts", "/api/alerts/stream",
            "/api/flows/top", "/api/flows/KZ/RU/854231", "/api/declarations/D1/risk", "/api/risk/lanes", "/api/risk/red",
            "/api/rejections", "/metrics");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] STORE_PASSWORD = "store-password-1".toCharArray();

    @TempDir
    static Path dir;

    private static HttpUsers users;
    private static Path keyStore;
    private static SSLContext clientTls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void usersAndCertificates() throws Exception {
        Map<String, HttpUsers.User> entries = new LinkedHashMap<>();
        entries.put("ops", new HttpUsers.User("ops", PasswordHash.hash(PASSWORD.toCharArray()), Optional.of(PasswordHash.tokenHash(TOKEN))));
        entries.put("alice", new HttpUsers.User("alice", PasswordHash.hash(PASSWORD.toCharArray()), Optional.of(PasswordHash.tokenHash(TRIAGE_TOKEN)),
                Set.of(HttpUsers.Role.TRIAGE)));
        Path file = dir.resolve("users");
        HttpUsers.write(file, entries);
        users = HttpUsers.load(file);
        CertificateAuthority ca = CertificateAuthority.create("test CA");
        keyStore = dir.resolve("http.p12");
        ca.issueKeyStore("sentinel-http", keyStore, STORE_PASSWORD);
        Path trust = dir.resolve("trust.p12");
        ca.saveTrustStore(trust, STORE_PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trust)) {
            store.load(in, STORE_PASSWORD);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, factory.getTrustManagers(), null);
    }

    private static QueryServer start(HttpSecurity security) {
        return QueryServer.start(QuerySettings.local(0).withSecurity(security), TopologySettings.Topics.defaults("security-test"),
                WindowSettings.weekly(), Map.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private HttpResponse<String> get(QueryServer server, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldAnswer401WithoutCredentialsOnEveryEndpointButHealth() throws Exception {
        try (QueryServer server = start(new HttpSecurity(Optional.of(users), Optional.empty(), Optional.empty()))) {
            for (String path : PROTECTED) {
                HttpResponse<String> response = get(server, path);
                assertEquals(401, response.statusCode(), path);
                assertEquals("Basic realm=\"Customs Sentinel\", charset=\"UTF-8\"",
                        response.headers().firstValue("WWW-Authenticate").orElse(null), path);
                assertEquals(401, get(server, path, "Authorization", basic("ops", "wrong-password")).statusCode(), path);
                assertEquals(401, get(server, path, "Authorization", basic("nobody", PASSWORD)).statusCode(), path);
                assertEquals(401, get(server, path, "Authorization", "Bearer not-the-token").statusCode(), path);
            }
            assertEquals(503, get(server, "/api/health").statusCode(), "health is open (and says STARTING)");
        }
    }

    @Test
    void shouldLetInAUserWithHerPasswordOrHerToken() throws Exception {
        try (QueryServer server = start(new HttpSecurity(Optional.of(users), Optional.empty(), Optional.empty()))) {
            assertEquals(200, get(server, "/", "Authorization", basic("ops", PASSWORD)).statusCode());
            assertEquals(200, get(server, "/metrics", "Authorization", "Bearer " + TOKEN).statusCode());
            // Past the guard, a query meets an app still starting.
            assertEquals(503, get(server, "/api/alerts", "Authorization", basic("ops", PASSWORD)).statusCode());
            assertEquals(503, get(server, "/api/flows/top", "Authorization", "Bearer " + TOKEN).statusCode());
        }
    }

    @Test
    void shouldSendSecurityHeadersOnEveryAnswerAndNoCorsUnlessAnOriginIsNamed() throws Exception {
        try (QueryServer server = start(HttpSecurity.none())) {
            for (String path : List.of("/", "/app.js", "/api/alerts", "/api/health", "/no-such-page", "/metrics")) {
                HttpResponse<String> response = get(server, path, "Origin", "https://evil.example");
                String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"),
                        path + ": " + csp);
                assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
                assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), path);
                assertNull(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), path);
            }
        }
        try (QueryServer server = start(new HttpSecurity(Optional.empty(), Optional.empty(), Optional.of("https://ops.example.org")))) {
            assertEquals("https://ops.example.org", get(server, "/api/health", "Origin", "https://ops.example.org").headers()
                    .firstValue("Access-Control-Allow-Origin").orElse(null));
            assertNull(get(server, "/api/health", "Origin", "https://evil.example").headers()
                    .firstValue("Access-Control-Allow-Origin").orElse(null));
        }
    }

    @Test
    void shouldRefuseOtherMethodsAndRequestBodies() throws Exception {
        try (QueryServer server = start(HttpSecurity.none())) {
            URI alerts = URI.create("http://127.0.0.1:" + server.port() + "/api/alerts");
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(alerts)
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, response.statusCode(), method);
                assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(null));
            }
            HttpResponse<String> withBody = http.send(HttpRequest.newBuilder(alerts)
                    .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(100))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, withBody.statusCode());
            assertEquals(400, get(server, "/api/alerts?limit=100000").statusCode(), "limit is bounded");
        }
    }

    private HttpResponse<String> post(QueryServer server, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldTakeNoVerdictWithoutUsersWhoLogIn() throws Exception {
        try (QueryServer server = start(HttpSecurity.none())) {
            HttpResponse<String> response = post(server, ALERT_PATH, VERDICT, "Content-Type", "application/json");
            assertEquals(405, response.statusCode());
            assertTrue(response.body().contains("read-only without --http-auth"), response.body());
            JsonNode me = JSON.readTree(get(server, "/api/me").body());
            assertFalse(me.path("mayTriage").asBoolean());
            assertTrue(me.path("readOnly").asBoolean());
        }
    }

    @Test
    void shouldLetOnlyTriageUsersGiveVerdictsAndTellTheirPagesTheCsrfToken() throws Exception {
        try (QueryServer server = start(new HttpSecurity(Optional.of(users), Optional.empty(), Optional.empty()))) {
            String json = "application/json";
            assertEquals(401, post(server, ALERT_PATH, VERDICT, "Content-Type", json).statusCode());
            HttpResponse<String> reader = post(server, ALERT_PATH, VERDICT, "Content-Type", json, "Authorization", "Bearer " + TOKEN);
            assertEquals(403, reader.statusCode());
            assertTrue(reader.body().contains("--role triage"), reader.body());
            // Past the guard and the role check, a verdict meets an app still starting.
            assertEquals(503, post(server, ALERT_PATH, VERDICT, "Content-Type", json, "Authorization", "Bearer " + TRIAGE_TOKEN).statusCode());

            HttpResponse<String> noToken = post(server, ALERT_PATH, VERDICT, "Content-Type", json, "Authorization", basic("alice", PASSWORD));
            assertEquals(403, noToken.statusCode(), "a password login, which browsers resend by themselves, needs the CSRF token");
            assertTrue(noToken.body().contains("X-CSRF-Token"), noToken.body());
            HttpResponse<String> meAnswer = get(server, "/api/me", "Authorization", basic("alice", PASSWORD));
            JsonNode me = JSON.readTree(meAnswer.body());
            assertEquals("alice", me.path("user").asText());
            assertTrue(me.path("mayTriage").asBoolean());
            String token = me.path("csrfToken").asText();
            String cookie = meAnswer.headers().firstValue("Set-Cookie").orElse("");
            assertTrue(cookie.startsWith("sentinel_csrf=" + token + ";") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            assertEquals(403, post(server, ALERT_PATH, VERDICT, "Content-Type", json, "Authorization", basic("alice", PASSWORD),
                    "Cookie", "sentinel_csrf=" + token, "X-CSRF-Token", token.substring(1) + "x").statusCode(), "a token that differs");
            assertEquals(503, post(server, ALERT_PATH, VERDICT, "Content-Type", json, "Authorization", basic("alice", PASSWORD),
                    "Cookie", "sentinel_csrf=" + token, "X-CSRF-Token", token).statusCode());
            assertFalse(JSON.readTree(get(server, "/api/me", "Authorization", "Bearer " + TOKEN).body()).path("mayTriage").asBoolean());
        }
    }

    @Test
    void shouldRefuseCrossOriginOversizedAndNonJsonVerdicts() throws Exception {
        try (QueryServer server = start(new HttpSecurity(Optional.of(users), Optional.empty(), Optional.of("https://ops.example.org")))) {
            String bearer = "Bearer " + TRIAGE_TOKEN;
            String own = "http://127.0.0.1:" + server.port();
            assertEquals(503, post(server, ALERT_PATH, VERDICT, "Content-Type", "application/json", "Authorization", bearer, "Origin", own)
                    .statusCode(), "the API's own origin");
            for (String origin : List.of("https://evil.example", "https://ops.example.org", "http://localhost:" + server.port())) {
                HttpResponse<String> response = post(server, ALERT_PATH, VERDICT, "Content-Type", "application/json", "Authorization", bearer,
                        "Origin", origin);
                assertEquals(403, response.statusCode(), origin + " (a CORS origin may read, never write)");
                assertTrue(response.body().contains("cross-origin"), response.body());
            }
            assertEquals(403, post(server, ALERT_PATH, VERDICT, "Content-Type", "application/json", "Authorization", bearer,
                    "Sec-Fetch-Site", "cross-site").statusCode());
            assertEquals(415, post(server, ALERT_PATH, VERDICT, "Content-Type", "text/plain", "Authorization", bearer).statusCode(),
                    "a form or a simple cross-site request cannot send JSON");
            assertEquals(413, post(server, ALERT_PATH, "{\"verdict\":\"DISMISSED\",\"note\":\"" + "x".repeat(5_000) + "\"}",
                    "Content-Type", "application/json", "Authorization", bearer).statusCode());
            assertEquals(405, post(server, "/api/alerts", VERDICT, "Content-Type", "application/json", "Authorization", bearer).statusCode(),
                    "no other path takes a POST");
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(own + ALERT_PATH)).method("OPTIONS",
                    HttpRequest.BodyPublishers.noBody()).header("Origin", "https://ops.example.org")
                    .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("GET", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null), "CORS never allows a write");
        }
    }

    @Test
    void shouldReadRolesAndOlderFilesWithoutThem() throws Exception {
        Path file = dir.resolve("roles");
        String hash = PasswordHash.hash(PASSWORD.toCharArray());
        Files.writeString(file, "old:" + hash + "\nalice:" + hash + ":roles=triage\nbob:" + hash + ":" + PasswordHash.tokenHash(TOKEN)
                + ":roles=triage\n");
        HttpUsers read = HttpUsers.load(file);
        assertFalse(read.has("old", HttpUsers.Role.TRIAGE), "a line without roles, as files had before roles, is a reader");
        assertTrue(read.has("alice", HttpUsers.Role.TRIAGE));
        assertTrue(read.has("bob", HttpUsers.Role.TRIAGE));
        assertEquals(Optional.of("bob"), read.authenticate("Bearer " + TOKEN));
        HttpUsers.write(file, HttpUsers.read(file));
        assertTrue(HttpUsers.load(file).has("bob", HttpUsers.Role.TRIAGE), "written back as read");
        Files.writeString(file, "x:" + hash + ":roles=admin\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> HttpUsers.load(file));
        assertTrue(bad.getMessage().contains("line 1") && bad.getMessage().contains("unknown role 'admin'"), bad.getMessage());
    }

    @Test
    void shouldServeHttpsOnlyWithTheKeyStore() throws Exception {
        HttpSecurity.Tls tls = new HttpSecurity.Tls(keyStore, STORE_PASSWORD);
        try (QueryServer server = start(new HttpSecurity(Optional.of(users), Optional.of(tls), Optional.empty()))) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(clientTls).build();
            HttpResponse<String> response = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/metrics"))
                    .header("Authorization", basic("ops", PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Strict-Transport-Security").isPresent());
            assertEquals(503, trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/health"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "the certificate names localhost too (and the app starts)");
            assertThrows(IOException.class, () -> get(server, "/api/health"), "no plain HTTP on the HTTPS port");
            assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port() + "/api/health")).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the CA is refused");
            assertFalse(server.applicationServer().isEmpty());
        }
    }
}
