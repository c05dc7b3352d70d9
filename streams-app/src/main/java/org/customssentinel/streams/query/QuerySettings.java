package org.customssentinel.streams.query;

import java.util.Objects;

import org.customssentinel.streams.query.access.HttpSecurity;

/**
 * Where the query API listens, and the address other instances reach it at (Kafka Streams' {@code application.server}).
 *
 * @param host           interface to bind; 127.0.0.1 by default, so nothing is exposed by accident
 * @param port           port to bind; 0 picks a free one
 * @param advertisedHost the host name other instances use to forward queries here
 * @param security       logins, HTTPS and CORS
 */
public record QuerySettings(String host, int port, String advertisedHost, HttpSecurity security) {

    public static final int DEFAULT_PORT = 8080;

    public QuerySettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(advertisedHost, "advertised host");
        Objects.requireNonNull(security, "security");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HTTP port must be 0..65535, was " + port);
        }
    }

    /** Plain HTTP without logins. */
    public QuerySettings(String host, int port, String advertisedHost) {
        this(host, port, advertisedHost, HttpSecurity.none());
    }

    public QuerySettings withSecurity(HttpSecurity security) {
        return new QuerySettings(host, port, advertisedHost, security);
    }

    public static QuerySettings local(int port) {
        return new QuerySettings("127.0.0.1", port, "127.0.0.1");
    }

    /** The {@code application.server} value for this port. */
    public String applicationServer(int boundPort) {
        return advertisedHost + ":" + boundPort;
    }
}
