package org.customssentinel.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.customssentinel.streams.query.QuerySettings;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.query.access.TlsConnector;
import picocli.CommandLine.Option;

/** Where the query API and dashboard listen, and how other instances reach this one. */
public final class HttpOptions {

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Interface the query API and dashboard bind to (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the query API and dashboard (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host name other instances forward queries to (Kafka Streams' application.server; default: --http-host,"
                    + " or this machine's name when that is 0.0.0.0).")
    String advertisedHost;

    @Option(names = "--http-auth", paramLabel = "FILE",
            description = "Require a login on every endpoint but /api/health: the users of FILE (written by `sentinel"
                    + " http-user add`), with HTTP Basic or Authorization: Bearer TOKEN. Default: no login, loopback only.")
    Path authFile;

    @Option(names = "--http-tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with this PKCS12 key store (its password from --http-tls-password-file or env"
                    + " SENTINEL_HTTP_TLS_PASSWORD).")
    Path tlsKeyStore;

    @Option(names = "--http-tls-password-file", paramLabel = "FILE",
            description = "File whose first line is the key store's password (never a flag: flags show in `ps`).")
    Path tlsPasswordFile;

    @Option(names = "--http-cors-origin", paramLabel = "ORIGIN",
            description = "Let pages of this one origin (e.g. https://ops.example.org) call the API from a browser."
                    + " Default: no CORS headers, so only the dashboard's own pages can.")
    String corsOrigin;

    public QuerySettings settings() {
        return new QuerySettings(host, port, advertised(), security());
    }

    /** {@code http} or {@code https}, for the addresses a command prints. */
    public String scheme() {
        return tlsKeyStore == null ? "http" : "https";
    }

    private HttpSecurity security() {
        Optional<HttpUsers> users = Optional.empty();
        if (authFile != null) {
            if (!Files.isRegularFile(authFile)) {
                throw new IllegalArgumentException("--http-auth " + authFile + ": no such file (create it with `sentinel http-user add"
                        + " NAME --file " + authFile + "`)");
            }
            try {
                HttpUsers loaded = HttpUsers.load(authFile);
                if (loaded.size() == 0) {
                    throw new IllegalArgumentException("--http-auth " + authFile + " names no user: nobody could log in");
                }
                users = Optional.of(loaded);
            } catch (IOException e) {
                throw new IllegalArgumentException("--http-auth " + authFile + ": cannot read it: " + e.getMessage());
            }
        }
        Optional<HttpSecurity.Tls> tls = Optional.empty();
        if (tlsKeyStore != null) {
            if (!Files.isRegularFile(tlsKeyStore)) {
                throw new IllegalArgumentException("--http-tls-keystore " + tlsKeyStore + ": no such file");
            }
            tls = Optional.of(new HttpSecurity.Tls(tlsKeyStore, keyStorePassword()));
            // Opens the key store now, so a wrong password fails here in one line rather than as Jetty's start error.
            TlsConnector.peerContext(tls.get());
        }
        if (corsOrigin != null && !corsOrigin.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("--http-cors-origin must be one origin like https://ops.example.org, was '"
                    + corsOrigin + "'");
        }
        return new HttpSecurity(users, tls, Optional.ofNullable(corsOrigin));
    }

    private char[] keyStorePassword() {
        if (tlsPasswordFile != null) {
            try {
                return Files.readAllLines(tlsPasswordFile).stream().findFirst().orElse("").strip().toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("--http-tls-password-file " + tlsPasswordFile + ": cannot read it: " + e.getMessage());
            }
        }
        String fromEnv = System.getenv("SENTINEL_HTTP_TLS_PASSWORD");
        if (fromEnv == null) {
            throw new IllegalArgumentException("--http-tls-keystore needs its password: --http-tls-password-file FILE or env"
                    + " SENTINEL_HTTP_TLS_PASSWORD");
        }
        return fromEnv.toCharArray();
    }

    /** A host a person can put in a browser. */
    public String displayHost() {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }

    private String advertised() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        if (!host.equals("0.0.0.0")) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
