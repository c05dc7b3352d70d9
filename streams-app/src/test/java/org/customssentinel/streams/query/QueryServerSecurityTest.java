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

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
 * guard, which is enough to tell "let in" from "refused"): logins, headers, methods, bodies, CORS and HTTPS.
 */
class QueryServerSecurityTest {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String TOKEN = "tok-2b7e151628aed2a6abf7158809cf4f3c";
    private static final List<String> PROTECTED = List.of("/", "/index.html", "/app.js", "/api/alerts", "/api/alerts/stream",
            "/api/flows/top", "/api/flows/KZ/RU/854231", "/api/declarations/D1/risk", "/api/risk/lanes", "/api/risk/red",
            "/api/rejections", "/metrics");
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
