package org.customssentinel.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client behaves when the registry misbehaves: these answers are hard to provoke from a real registry,
 * so a loopback HTTP server plays them. Behaviour against the real registry is in SchemaRegistryIT.
 */
class HttpSchemaRegistryClientTest {

    private static final Schema PROBE = SchemaBuilder.record("Probe").fields().requiredString("a").endRecord();

    private HttpServer server;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(Responder responder) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            responder.respond(exchange);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static HttpSchemaRegistryClient client(String url, Object... more) {
        Map<String, Object> configs = new HashMap<>(Map.of(RegistryClientConfig.URL, url, RegistryClientConfig.RETRIES_WAIT_MS, "10"));
        for (int i = 0; i < more.length; i += 2) {
            configs.put((String) more[i], more[i + 1]);
        }
        return new HttpSchemaRegistryClient(RegistryClientConfig.fromConfigs(configs));
    }

    @Test
    void shouldRetryServerErrorsThenSucceed() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String url = serve(exchange -> {
            if (calls.incrementAndGet() < 3) {
                reply(exchange, 503, "{\"error_code\":50301,\"message\":\"busy\"}");
            } else {
                reply(exchange, 200, "{\"id\":7}");
            }
        });
        assertEquals(7, client(url).register("probe-value", PROBE));
        assertEquals(3, calls.get());
    }

    @Test
    void shouldAnswerTheIdWhenAnotherClientRegisteredTheSameSchemaAMomentBefore() throws IOException {
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        String url = serve(exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (exchange.getRequestURI().getPath().endsWith("/versions")) {
                // Apicurio's answer to the second of two concurrent first registrations of a subject.
                reply(exchange, 409, "{\"error_code\":409,\"message\":\"An artifact with ID 'probe-value' in group 'null' already exists.\"}");
            } else {
                reply(exchange, 200, "{\"subject\":\"probe-value\",\"id\":12,\"version\":1,\"schema\":" + quoted(PROBE.toString()) + "}");
            }
        });
        assertEquals(12, client(url).register("probe-value", PROBE));
        assertEquals(List.of("POST /subjects/probe-value/versions", "POST /subjects/probe-value"), requests);
    }

    @Test
    void shouldKeepAnIncompatibleSchemasRefusalWhenTheSchemaIsNotThere() throws IOException {
        String url = serve(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/versions")) {
                reply(exchange, 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
            } else {
                reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
            }
        });
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> client(url).register("probe-value", PROBE));
        assertEquals(409, refused.status());
        assertEquals("Schema being registered is incompatible", refused.registryMessage());
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void shouldNotRetryARefusalAndCarryTheRegistryErrorCode() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        String url = serve(exchange -> {
            calls.incrementAndGet();
            reply(exchange, 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        });
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client(url).register("probe-value", PROBE));
        assertEquals(1, calls.get());
        assertEquals(422, e.status());
        assertEquals(42201, e.errorCode());
        assertTrue(e.getMessage().contains("Invalid schema") && e.getMessage().contains("/subjects/probe-value/versions"), e.getMessage());
    }

    @Test
    void shouldGiveUpOnAnUnreachableRegistryAfterBoundedRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client("http://127.0.0.1:" + closedPort, RegistryClientConfig.MAX_RETRIES, "2").schemaById(1));
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains(String.valueOf(closedPort)), e.getMessage());
    }

    @Test
    void shouldSendBasicAuthFromUserInfo() throws IOException {
        String url = serve(exchange -> reply(exchange, 200, "{\"compatibilityLevel\":\"FULL\"}"));
        CompatibilityLevel level = client(url, RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "ops:s3cret").globalCompatibility();
        assertEquals(CompatibilityLevel.FULL, level);
        assertEquals(List.of("Basic b3BzOnMzY3JldA=="), authorizations);
    }

    @Test
    void shouldFailOverToTheNextUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = serve(exchange -> reply(exchange, 200, "{\"schema\":\"\\\"string\\\"\"}"));
        assertEquals(Schema.Type.STRING, client("http://127.0.0.1:" + closedPort + "," + url).schemaById(3).getType());
    }

    @Test
    void shouldExplainMissingOrMalformedSettingsByKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromConfigs(Map.of()));
        assertTrue(missing.getMessage().contains("schema.registry.url"), missing.getMessage());
        IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromConfigs(Map.of(
                RegistryClientConfig.URL, "http://127.0.0.1:1", RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")));
        assertTrue(userInfo.getMessage().contains("basic.auth.user.info"), userInfo.getMessage());
        IllegalArgumentException retries = assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromConfigs(Map.of(
                RegistryClientConfig.URL, "http://127.0.0.1:1", RegistryClientConfig.MAX_RETRIES, "lots")));
        assertTrue(retries.getMessage().contains("max.retries"), retries.getMessage());
    }

    @Test
    void shouldTakeCredentialsFromTheUrlWhenTheSourceIsUrl() {
        RegistryClientConfig config = RegistryClientConfig.fromConfigs(Map.of(
                RegistryClientConfig.URL, "https://ops:s3cret@registry.example:8081/apis/ccompat/v7",
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));
        assertEquals("https://registry.example:8081/apis/ccompat/v7", config.urls().get(0).toString());
        assertEquals("Basic b3BzOnMzY3JldA==", config.authorization().orElseThrow());
    }

    private interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
