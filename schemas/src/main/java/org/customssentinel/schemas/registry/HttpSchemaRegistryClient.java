package org.customssentinel.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks the Confluent Schema Registry REST API over the JDK's HTTP client (HTTPS through the JDK trust store).
 * No caching here: {@link CachingSchemaRegistryClient} keeps the hot path off the network.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClientConfig config;
    private final HttpClient http;

    public HttpSchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        config.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    @Override
    public int register(String subject, Schema schema) {
        try {
            return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).path("id").asInt();
        } catch (SchemaRegistryException e) {
            if (e.status() != 409) {
                throw e;
            }
            // Two instances registering the same new subject at once: Apicurio answers the second with 409 "already
            // exists" where Confluent's registry returns the id. If the schema is there now, that id is the answer;
            // an incompatible schema is not there, and its 409 stands.
            try {
                return lookup(subject, schema).id();
            } catch (SchemaRegistryException notThere) {
                throw e;
            }
        }
    }

    @Override
    public Schema schemaById(int id) {
        return parse(send("GET", "/schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(subject, send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer;
        try {
            answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return new CompatibilityResult(true, List.of());
            }
            throw e;
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        // Apicurio 2.6 explains itself in "reason" rather than Confluent's "messages".
        if (answer.hasNonNull("reason")) {
            messages.add(answer.get("reason").asText());
        }
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(send("GET", "/config", null));
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", compatibilityBody(level));
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(level(send("GET", "/config/" + encode(subject), null)));
        } catch (SchemaRegistryException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    private JsonNode send(String method, String path, String body) {
        SchemaRegistryException lastFailure = null;
        Duration wait = config.retryWait();
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            URI base = config.urls().get(attempt % config.urls().size());
            if (attempt > 0) {
                sleep(wait);
                wait = min(wait.multipliedBy(2), config.maxRetryWait());
            }
            HttpRequest request = request(base, method, path, body);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (javax.net.ssl.SSLHandshakeException e) {
                // Retrying cannot fix trust: say so at once.
                throw new SchemaRegistryException("TLS handshake with the schema registry at " + base + " failed: its certificate"
                        + " is not trusted (set " + RegistryClientConfig.SSL_TRUSTSTORE_LOCATION + " and "
                        + RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD + ")", e);
            } catch (IOException e) {
                lastFailure = new SchemaRegistryException("schema registry at " + base + " unreachable for " + method
                        + " " + path + ": " + describe(e), e);
                log.debug("{} (attempt {})", lastFailure.getMessage(), attempt + 1);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("interrupted while calling the schema registry at " + base, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return readJson(response.body(), base, path);
            }
            if (status == 401 || status == 403) {
                throw loginRefused(base, status);
            }
            SchemaRegistryException refusal = refusal(base, method, path, response);
            if (status < 500) {
                throw refusal;
            }
            lastFailure = refusal;
            log.debug("{} (attempt {})", refusal.getMessage(), attempt + 1);
        }
        throw lastFailure;
    }

    private HttpRequest request(URI base, String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(stripTrailingSlash(base.toString()) + path))
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        config.authorization().ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return builder.build();
    }

    private SchemaRegistryException loginRefused(URI base, int status) {
        String message = config.user().map(user -> status == 401
                        ? "schema registry at " + base + " refused the login of " + user + " (HTTP 401): check "
                                + RegistryClientConfig.BASIC_AUTH_USER_INFO
                        : "schema registry at " + base + " does not allow " + user + " this request (HTTP 403)")
                .orElse("schema registry at " + base + " needs a login (HTTP " + status + "): set "
                        + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO and " + RegistryClientConfig.BASIC_AUTH_USER_INFO);
        return new SchemaRegistryException(message, status, status, message);
    }

    private static SchemaRegistryException refusal(URI base, String method, String path, HttpResponse<String> response) {
        int errorCode = response.statusCode();
        String message = response.body();
        try {
            JsonNode error = JSON.readTree(response.body());
            errorCode = error.path("error_code").asInt(errorCode);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // Keep the raw body: a proxy's HTML page still tells the operator something.
        }
        return new SchemaRegistryException("schema registry at " + base + " refused " + method + " " + path
                + ": HTTP " + response.statusCode() + ", error_code " + errorCode + ": " + message,
                response.statusCode(), errorCode, message);
    }

    private static RegisteredSchema registered(String subject, JsonNode node) {
        return new RegisteredSchema(node.path("subject").asText(subject), node.path("id").asInt(),
                node.path("version").asInt(), parse(node.path("schema").asText()));
    }

    private static CompatibilityLevel level(JsonNode node) {
        // Confluent answers {"compatibilityLevel":..}; some servers {"compatibility":..}.
        JsonNode level = node.hasNonNull("compatibilityLevel") ? node.get("compatibilityLevel") : node.path("compatibility");
        return CompatibilityLevel.parse(level.asText());
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body.toString();
    }

    private static JsonNode readJson(String body, URI base, String path) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + base + " answered " + path
                    + " with something that is not JSON: " + abbreviate(body), e);
        }
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry the schema registry", e);
        }
    }
}
