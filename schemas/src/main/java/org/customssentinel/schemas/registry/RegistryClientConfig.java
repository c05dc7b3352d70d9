package org.customssentinel.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a schema registry, read from Confluent's property names so a configuration written for
 * Confluent's client works here unchanged.
 *
 * @param urls               one or more base URLs, tried in turn when one cannot be reached
 * @param authorization      an HTTP Authorization header value, when basic auth is configured
 * @param connectTimeout     TCP connect timeout ({@code http.connect.timeout.ms})
 * @param requestTimeout     whole-request timeout ({@code http.read.timeout.ms})
 * @param maxRetries         retries after a connection error or 5xx ({@code max.retries})
 * @param retryWait          first backoff ({@code retries.wait.ms}), doubled per retry
 * @param maxRetryWait       backoff ceiling ({@code retries.max.wait.ms})
 * @param sslContext         when a trust store is configured ({@code schema.registry.ssl.truststore.*}), the TLS
 *                           context trusting it; else the JDK's default trust
 */
public record RegistryClientConfig(List<URI> urls, Optional<String> authorization, Duration connectTimeout,
                                   Duration requestTimeout, int maxRetries, Duration retryWait, Duration maxRetryWait,
                                   Optional<SSLContext> sslContext) {

    /** Confluent's client reads the registry's TLS settings under this prefix only, apart from Kafka's own ssl.* keys. */
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    public RegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " names no registry");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(MAX_RETRIES + " must not be negative, was " + maxRetries);
        }
    }

    /** Reads the Confluent keys; each may also carry the {@code schema.registry.} prefix. */
    public static RegistryClientConfig fromConfigs(Map<String, ?> configs) {
        String rawUrls = string(configs, URL).orElseThrow(() -> new IllegalArgumentException(
                "missing " + URL + " (e.g. http://127.0.0.1:8081/apis/ccompat/v7, or mock://scope for tests)"));
        List<URI> urls = new ArrayList<>();
        Optional<String> urlUserInfo = Optional.empty();
        for (String raw : rawUrls.split(",")) {
            String trimmed = raw.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri = URI.create(trimmed);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException(URL + " must be http(s):// or mock://, was '" + trimmed + "'");
            }
            if (uri.getUserInfo() != null) {
                urlUserInfo = Optional.of(uri.getUserInfo());
                uri = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
            urls.add(uri);
        }
        return new RegistryClientConfig(urls, authorization(configs, urlUserInfo),
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, 10_000)),
                Duration.ofMillis(longValue(configs, READ_TIMEOUT_MS, 30_000)),
                (int) longValue(configs, MAX_RETRIES, 3),
                Duration.ofMillis(longValue(configs, RETRIES_WAIT_MS, 200)),
                Duration.ofMillis(longValue(configs, RETRIES_MAX_WAIT_MS, 5_000)),
                sslContext(configs));
    }

    /** The user of basic auth, if configured: for messages; the password never leaves this record. */
    public Optional<String> user() {
        return authorization.map(value -> new String(Base64.getDecoder().decode(value.substring("Basic ".length())),
                StandardCharsets.UTF_8)).map(info -> info.contains(":") ? info.substring(0, info.indexOf(':')) : info);
    }

    @Override
    public String toString() {
        // Never the Authorization header: it is the password, Base64-encoded.
        return "RegistryClientConfig[urls=" + urls + ", user=" + user().orElse("-") + ", trustStore="
                + (sslContext.isPresent() ? "configured" : "default") + "]";
    }

    private static Optional<SSLContext> sslContext(Map<String, ?> configs) {
        Object location = configs.get(SSL_TRUSTSTORE_LOCATION);
        if (location == null || String.valueOf(location).isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(String.valueOf(location).trim());
        Object password = configs.get(SSL_TRUSTSTORE_PASSWORD);
        Object type = configs.get(SSL_TRUSTSTORE_TYPE);
        char[] secret = password == null ? null : passwordText(password).toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(type == null ? (file.toString().endsWith(".jks") ? "JKS" : "PKCS12")
                    : String.valueOf(type).trim());
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, secret);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(SSL_TRUSTSTORE_LOCATION + " " + file + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(SSL_TRUSTSTORE_LOCATION + " " + file + ": cannot read it as a trust store"
                    + " (wrong " + SSL_TRUSTSTORE_PASSWORD + " or " + SSL_TRUSTSTORE_TYPE + "?): " + e.getClass().getSimpleName());
        }
    }

    /** Kafka hands password configs over as {@code Password}, whose toString() hides the value. */
    private static String passwordText(Object password) {
        return password instanceof org.apache.kafka.common.config.types.Password p ? p.value() : String.valueOf(password);
    }

    private static Optional<String> authorization(Map<String, ?> configs, Optional<String> urlUserInfo) {
        Optional<String> source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE).map(s -> s.toUpperCase(Locale.ROOT));
        Optional<String> userInfo = switch (source.orElse("")) {
            case "" -> Optional.empty();
            case "USER_INFO" -> Optional.of(string(configs, BASIC_AUTH_USER_INFO).orElseThrow(() ->
                    new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs " + BASIC_AUTH_USER_INFO
                            + " (user:password)")));
            case "URL" -> Optional.of(urlUserInfo.orElseThrow(() -> new IllegalArgumentException(
                    BASIC_AUTH_CREDENTIALS_SOURCE + "=URL needs user:password@ in " + URL)));
            default -> throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE
                    + " must be USER_INFO or URL, was '" + source.get() + "'");
        };
        return userInfo.map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    private static Optional<String> string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            value = configs.get("schema.registry." + key);
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    private static long longValue(Map<String, ?> configs, String key, long fallback) {
        Optional<String> value = string(configs, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value.get() + "'", e);
        }
    }
}
