package org.customssentinel.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.customssentinel.streams.query.QuerySettings;
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

    public QuerySettings settings() {
        return new QuerySettings(host, port, advertised());
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
