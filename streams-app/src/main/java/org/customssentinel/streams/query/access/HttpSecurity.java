package org.customssentinel.streams.query.access;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the query API protects itself beyond binding to loopback.
 *
 * @param users      when present, every endpoint but {@code /api/health} needs one of these users
 * @param tls        when present, HTTPS with this key store instead of HTTP
 * @param corsOrigin when present, the one origin whose pages may call the API from a browser
 */
public record HttpSecurity(Optional<HttpUsers> users, Optional<Tls> tls, Optional<String> corsOrigin) {

    /** A PKCS12 key store with the server's key and certificate chain. */
    public record Tls(Path keyStore, char[] password) {
        public Tls {
            Objects.requireNonNull(keyStore, "key store");
            Objects.requireNonNull(password, "key store password");
        }

        @Override
        public String toString() {
            // The password must never reach a log line.
            return "Tls[keyStore=" + keyStore + "]";
        }
    }

    public HttpSecurity {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(corsOrigin, "corsOrigin");
    }

    /** Loopback, no login, plain HTTP: the default for a workstation. */
    public static HttpSecurity none() {
        return new HttpSecurity(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
