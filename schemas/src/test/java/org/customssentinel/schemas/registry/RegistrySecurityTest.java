package org.customssentinel.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.avro.Schema;
import org.customssentinel.localstack.security.CertificateAuthority;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.avro.WatchlistEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client against a registry that demands HTTPS and basic auth (the JDK's HttpsServer: the local registry
 * has no auth of its own), configured with Confluent's property names as a serializer is.
 */
class RegistrySecurityTest {

    private static final String USER = "sentinel-producer";
    private static final String PASSWORD = "s3cret-Registry-pw";
    private static final char[] STORE_PASSWORD = "store-pw-123".toCharArray();

    @TempDir
    Path dir;

    private HttpsServer server;
    private Path truststore;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRegistry() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("test registry CA");
        Path keystore = dir.resolve("registry.p12");
        ca.issueKeyStore("registry", keystore, STORE_PASSWORD);
        truststore = dir.resolve("truststore.p12");
        ca.saveTrustStore(truststore, STORE_PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            exchange.getRequestBody().readAllBytes();
            if (!expected.equals(authorization)) {
                respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            } else {
                respond(exchange, 200, "{\"id\":7}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Map<String, Object> configs(String userInfo, boolean trust) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", "https://127.0.0.1:" + server.getAddress().getPort());
        if (userInfo != null) {
            configs.put("basic.auth.credentials.source", "USER_INFO");
            configs.put("basic.auth.user.info", userInfo);
        }
        if (trust) {
            configs.put("schema.registry.ssl.truststore.location", truststore.toString());
            configs.put("schema.registry.ssl.truststore.password", new String(STORE_PASSWORD));
            configs.put("schema.registry.ssl.truststore.type", "PKCS12");
        }
        configs.put("max.retries", "0");
        return configs;
    }

    @Test
    void shouldRegisterOverHttpsWithBasicAuthAsASerializerConfiguredTheConfluentWay() {
        AvroSerializer<WatchlistEntry> serializer = new AvroSerializer<>();
        serializer.configure(configs(USER + ":" + PASSWORD, true), false);
        Schema schema = WatchlistEntry.getClassSchema();
        assertEquals(7, SchemaRegistryClients.fromConfigs(configs(USER + ":" + PASSWORD, true)).register("t-value", schema));
        assertFalse(authorizations.isEmpty());
        assertTrue(authorizations.stream().allMatch(a -> a.startsWith("Basic ")), authorizations.toString());
    }

    @Test
    void shouldSayInOneLineThatTheLoginWasRefusedWithoutShowingThePassword() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () ->
                SchemaRegistryClients.fromConfigs(configs(USER + ":wrong-password", true)).register("t-value", WatchlistEntry.getClassSchema()));
        assertTrue(e.getMessage().contains("refused the login of " + USER + " (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(1, authorizations.size(), "a refused login is not retried");
    }

    @Test
    void shouldSayWhatToSetWhenTheRegistryNeedsALoginAndNoneIsConfigured() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () ->
                SchemaRegistryClients.fromConfigs(configs(null, true)).register("t-value", WatchlistEntry.getClassSchema()));
        assertTrue(e.getMessage().contains("needs a login (HTTP 401): set basic.auth.credentials.source=USER_INFO"), e.getMessage());
    }

    @Test
    void shouldRefuseARegistryWhoseCertificateIsNotTrustedAndNameTheTrustStoreSettings() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () ->
                SchemaRegistryClients.fromConfigs(configs(USER + ":" + PASSWORD, false)).register("t-value", WatchlistEntry.getClassSchema()));
        assertTrue(e.getMessage().contains("certificate is not trusted (set schema.registry.ssl.truststore.location"), e.getMessage());
        assertTrue(authorizations.isEmpty(), "no credential is sent before the server is trusted");
    }

    @Test
    void shouldNameAWrongTrustStorePasswordAndNeverPrintTheConfiguredCredentials() {
        Map<String, Object> configs = configs(USER + ":" + PASSWORD, true);
        configs.put("schema.registry.ssl.truststore.password", "not-the-password");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryClientConfig.fromConfigs(configs));
        assertTrue(e.getMessage().startsWith("schema.registry.ssl.truststore.location"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        String described = RegistryClientConfig.fromConfigs(configs(USER + ":" + PASSWORD, true)).toString();
        assertFalse(described.contains(PASSWORD) || described.contains(Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))),
                described);
    }
}
