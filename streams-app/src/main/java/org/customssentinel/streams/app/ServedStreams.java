package org.customssentinel.streams.app;

import java.time.Clock;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.query.QueryServer;
import org.customssentinel.streams.query.QuerySettings;

/**
 * The streams app with its query API, dashboard and {@code /metrics}, started in the order each needs (the HTTP port
 * is bound first, because Kafka Streams advertises it as {@code application.server}) and closed together.
 */
public final class ServedStreams implements AutoCloseable {

    private final QueryServer server;
    private final SentinelStreams app;

    private ServedStreams(QueryServer server, SentinelStreams app) {
        this.server = server;
        this.app = app;
    }

    public static ServedStreams start(StreamsSettings settings, QuerySettings http) {
        PrometheusMeterRegistry registry = SentinelMetrics.prometheusRegistry();
        QueryServer server = QueryServer.start(http, settings.topology().topics(), settings.topology().windows(),
                StreamsGroupSettings.forPlainClients(settings.clientConfigs()),
                registry);
        try {
            SentinelStreams app = SentinelStreams.start(
                    settings.withClientConfig(StreamsConfig.APPLICATION_SERVER_CONFIG, server.applicationServer()),
                    new SentinelMetrics(registry, Clock.systemUTC()));
            server.attach(app.kafkaStreams());
            return new ServedStreams(server, app);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public SentinelStreams app() {
        return app;
    }

    /** The bound HTTP port. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
