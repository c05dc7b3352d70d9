package org.customssentinel.streams.query;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.query.access.CsrfToken;
import org.customssentinel.streams.query.access.HttpGuard;
import org.customssentinel.streams.query.access.TlsConnector;
import org.customssentinel.streams.topology.FlowWindowPartitioner;
import org.customssentinel.streams.topology.TopologyStores;
import org.customssentinel.streams.topology.TopologySettings;
import org.customssentinel.streams.triage.DispositionTable;
import org.customssentinel.streams.triage.DispositionWriter;
import org.customssentinel.streams.triage.TriageMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API, the dashboard and {@code /metrics} of one streams-app instance. Read-only but for verdicts on alerts
 * (see {@link TriageApi}), which exist only with users who log in. Starts before Kafka Streams (whose {@code application.server} needs the bound port) and answers 503 until
 * {@link #attach} hands it the running app.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueryServer.class);
    private static final String LOCAL_SCOPE = "local";
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final Duration VERDICT_WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final Javalin http;
    private final ObjectMapper json = new ObjectMapper();
    private final QuerySettings settings;
    private final TopologySettings.Topics topics;
    private final WindowSettings windows;
    private final Map<String, Object> clientConfigs;
    private final PrometheusMeterRegistry registry;
    private final CsrfToken csrf;
    private volatile Attached attached;

    /** What exists once Kafka Streams does. */
    private record Attached(LocalStores stores, FlowQueries flows, AlertQueries alerts, Peers peers, AlertFeed feed,
                            RejectionTally rejections, RiskTally risk, KafkaStreamsMetrics kafkaMetrics, DispositionTable dispositions,
                            Optional<DispositionWriter> writer, TriageApi triage) {
    }

    private QueryServer(QuerySettings settings, TopologySettings.Topics topics, WindowSettings windows, Map<String, Object> clientConfigs,
                        PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.topics = topics;
        this.windows = windows;
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.registry = registry;
        this.csrf = new CsrfToken(settings.security().tls().isPresent());
        this.http = Javalin.create(config -> {
            config.showJavalinBanner = false;
            settings.security().tls().ifPresent(tls -> config.jetty.addConnector((server, httpConfig) ->
                    TlsConnector.create(server, httpConfig, tls, settings.host(), settings.port())));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
        });
        HttpGuard guard = new HttpGuard(settings.security());
        http.before(guard::check);
        routes();
    }

    /** Binds the HTTP server; queries answer 503 until {@link #attach}. */
    public static QueryServer start(QuerySettings settings, TopologySettings.Topics topics, WindowSettings windows,
                                    Map<String, Object> clientConfigs, PrometheusMeterRegistry registry) {
        QueryServer server = new QueryServer(settings, topics, windows, clientConfigs, registry);
        try {
            server.http.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            server.http.stop();
            throw new IllegalArgumentException("cannot serve HTTP on " + settings.host() + ":" + settings.port()
                    + " (in use, or not an address of this machine); choose another with --http-port / --http-host", e);
        }
        log.info("Query API and dashboard on {}://{}:{}/{}", settings.security().scheme(), settings.host(), server.port(),
                settings.security().users().map(users -> " (" + users.size() + " user(s) may log in)").orElse(""));
        return server;
    }

    /** The bound port (the one asked for, or the one picked for port 0). */
    public int port() {
        return http.port();
    }

    /** {@code application.server} for Kafka Streams: where other instances forward queries to this one. */
    public String applicationServer() {
        return settings.applicationServer(port());
    }

    /** Hands over the running app: queries, the alert feed, the rejection counts and Kafka's metrics start. */
    public void attach(KafkaStreams streams) {
        LocalStores stores = new LocalStores(streams);
        HostInfo self = new HostInfo(settings.advertisedHost(), port());
        KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams);
        kafkaMetrics.bindTo(registry);
        AlertFeed feed = new AlertFeed(clientConfigs, topics.alerts(), json);
        RejectionTally rejections = new RejectionTally(clientConfigs, topics.rejected());
        RiskTally risk = new RiskTally(clientConfigs, topics.risk(), windows);
        DispositionTable dispositions = new DispositionTable(clientConfigs, topics.dispositions());
        // Verdicts are written only by users who log in: without them no producer is needed.
        Optional<DispositionWriter> writer = settings.security().users()
                .map(users -> new DispositionWriter(clientConfigs, topics.dispositions(), VERDICT_WRITE_TIMEOUT));
        feed.start();
        rejections.start();
        risk.start();
        dispositions.start();
        Peers peers = new Peers(streams, self, json, settings.security());
        TriageApi triage = new TriageApi(stores, peers, dispositions, writer, new TriageMetrics(registry), settings.security(),
                json, Clock.systemUTC());
        attached = new Attached(stores, new FlowQueries(stores, windows), new AlertQueries(stores), peers, feed,
                rejections, risk, kafkaMetrics, dispositions, writer, triage);
    }

    private Attached attached() {
        Attached a = attached;
        if (a == null) {
            throw new NotReady("the streams app is starting");
        }
        return a;
    }

    private void routes() {
        http.get("/api/health", this::health);
        http.get("/api/flows/top", this::topFlows);
        http.get("/api/flows/{dispatch}/{destination}/{hs}", this::flowSeries);
        http.get("/api/alerts", this::recentAlerts);
        http.get("/api/rejections", ctx -> send(ctx, json.valueToTree(attached().rejections().counts())));
        http.get("/api/declarations/{id}/risk", this::declarationRisk);
        http.get("/api/risk/lanes", ctx -> send(ctx, attached().risk().lanes(QueryParams.limit(ctx.queryParam("limit"), 26))));
        http.get("/api/risk/red", ctx -> send(ctx, attached().risk().red(QueryParams.limit(ctx.queryParam("limit"), 20))));
        http.sse("/api/alerts/stream", client -> {
            client.keepAlive();
            attached().feed().add(client);
        });
        http.get("/api/me", ctx -> send(ctx, TriageApi.me(ctx, settings.security(), csrf, json)));
        http.get("/api/alerts/{id}", ctx -> send(ctx, attached().triage().alert(ctx)));
        http.post("/api/alerts/{id}/disposition", ctx -> {
            TriageApi.requireTriage(ctx, settings.security());
            send(ctx, attached().triage().decide(ctx));
        });
        http.get("/api/dispositions/precision", ctx -> send(ctx, attached().triage().precision(ctx)));
        http.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        http.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        http.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        http.exception(Forbidden.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
        http.exception(NotReady.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            error(ctx, 503, e.getMessage());
        });
        http.exception(Exception.class, (e, ctx) -> {
            log.error("Query {} failed: {}", ctx.path(), e.toString(), e);
            error(ctx, 500, "internal error (" + e.getClass().getSimpleName() + "); see the app's log");
        });
    }

    private void health(Context ctx) {
        Attached a = attached;
        ObjectNode health = json.createObjectNode();
        health.put("instance", settings.advertisedHost() + ":" + port());
        if (a == null) {
            health.put("state", "STARTING");
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ctx.status(503);
            send(ctx, health);
            return;
        }
        KafkaStreams streams = a.stores().streams();
        health.setAll(Health.of(streams, json));
        health.put("alertFeedClients", a.feed().clientCount());
        if (streams.state() != KafkaStreams.State.RUNNING) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            ctx.status(503);
        }
        send(ctx, health);
    }

    private void topFlows(Context ctx) {
        int limit = QueryParams.limit(ctx.queryParam("limit"), 20);
        var window = QueryParams.window(ctx.queryParam("window"));
        Attached a = attached();
        ObjectNode local = a.flows().top(window, limit);
        send(ctx, isLocalOnly(ctx) ? local : FlowQueries.merge(everyInstance(ctx, a, local), limit));
    }

    private void flowSeries(Context ctx) {
        String flowKey = QueryParams.flowKey(ctx.pathParam("dispatch"), ctx.pathParam("destination"), ctx.pathParam("hs"));
        Attached a = attached();
        HostInfo owner = a.stores().ownerOf(TopologyStores.FLOWS_QUERY, flowKey,
                (topic, key, value, partitions) -> Optional.of(Set.of(FlowWindowPartitioner.partitionOf(key, partitions))), "flow " + flowKey);
        if (!a.peers().isSelf(owner) && ctx.header(Peers.FORWARDED_HEADER) == null) {
            forward(ctx, a, owner);
            return;
        }
        ObjectNode series = a.flows().series(flowKey).orElseThrow(() -> new NotFound("no windows for flow " + flowKey));
        series.put("servedBy", a.peers().self().host() + ":" + a.peers().self().port());
        send(ctx, series);
    }

    /** One declaration's lane and reasons, from the instance that holds its partition of customs.declarations.risk. */
    private void declarationRisk(Context ctx) {
        String id = QueryParams.declarationId(ctx.pathParam("id"));
        Attached a = attached();
        HostInfo owner = a.stores().ownerOf(TopologyStores.RISK_QUERY, id, "declaration " + id);
        if (!a.peers().isSelf(owner) && ctx.header(Peers.FORWARDED_HEADER) == null) {
            forward(ctx, a, owner);
            return;
        }
        ValueAndTimestamp<DeclarationRisk> risk = a.stores().<DeclarationRisk>store(TopologyStores.RISK_QUERY).get(id);
        if (risk == null) {
            throw new NotFound("no risk assessment for declaration " + id + " (not counted yet, rejected, late, or a re-sent copy)");
        }
        send(ctx, AvroJson.of(risk.value()));
    }

    private void forward(Context ctx, Attached a, HostInfo owner) {
        Peers.Answer answer = a.peers().get(owner, ctx.path(), ctx.header("Authorization"));
        if (answer.status() == 503) {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private void recentAlerts(Context ctx) {
        var since = QueryParams.since(ctx.queryParam("since"));
        var rule = QueryParams.rule(ctx.queryParam("rule"));
        var flow = QueryParams.flow(ctx.queryParam("flow"));
        int limit = QueryParams.limit(ctx.queryParam("limit"), 100);
        Attached a = attached();
        AlertQueries.Filter filter = new AlertQueries.Filter(since, rule, flow, a.triage().verdictFilter(ctx.queryParam("verdict")), limit);
        ArrayNode local = a.alerts().recent(filter);
        // Every instance reads every verdict, so the answering one adds them after the merge.
        send(ctx, a.triage().withDispositions(isLocalOnly(ctx) ? local : AlertQueries.merge(everyInstance(ctx, a, local), filter.limit())));
    }

    /** This instance's answer and every other instance's answer to the same query asked locally. */
    private static List<JsonNode> everyInstance(Context ctx, Attached a, JsonNode local) {
        List<JsonNode> answers = new ArrayList<>(List.of(local));
        for (HostInfo peer : a.peers().others()) {
            answers.add(a.peers().getJson(peer, localPath(ctx), ctx.header("Authorization")));
        }
        return answers;
    }

    private static boolean isLocalOnly(Context ctx) {
        return LOCAL_SCOPE.equals(ctx.queryParam("scope")) || ctx.header(Peers.FORWARDED_HEADER) != null;
    }

    private static String localPath(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + "?" + (query == null || query.isEmpty() ? "" : query + "&") + "scope=" + LOCAL_SCOPE;
    }

    private void send(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void error(Context ctx, int status, String message) {
        ObjectNode body = json.createObjectNode();
        body.put("status", status);
        body.put("error", message);
        ctx.status(status);
        send(ctx, body);
    }

    @Override
    public void close() {
        Attached a = attached;
        if (a != null) {
            a.feed().close();
            a.rejections().close();
            a.risk().close();
            a.kafkaMetrics().close();
            a.writer().ifPresent(DispositionWriter::close);
            a.dispositions().close();
        }
        http.stop();
    }
}
