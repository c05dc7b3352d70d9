package org.customssentinel.streams.query;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.Verdict;
import org.customssentinel.avro.VerdictChange;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.streams.query.access.CsrfToken;
import org.customssentinel.streams.query.access.HttpGuard;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.topology.TopologyStores;
import org.customssentinel.streams.triage.DispositionHistory;
import org.customssentinel.streams.triage.DispositionTable;
import org.customssentinel.streams.triage.DispositionWriter;
import org.customssentinel.streams.triage.JudgedAlert;
import org.customssentinel.streams.triage.RulePrecision;
import org.customssentinel.streams.triage.TriageMetrics;
import org.customssentinel.streams.triage.TriageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verdicts on alerts over HTTP: one alert with its verdicts, giving a verdict, and each rule's precision as ops
 * judged it. The alert is looked up on the instance that holds it (an unknown id is refused); the verdict is written
 * to customs.alerts.dispositions and read back here before the answer, so the page that sent it shows it at once.
 */
final class TriageApi {

    /** Who gave which verdict on which alert, when and from where: the audit trail besides the topic itself. */
    private static final Logger audit = LoggerFactory.getLogger("org.customssentinel.audit");
    private static final Pattern ALERT_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Duration READ_BACK = Duration.ofSeconds(10);
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

    private final LocalStores stores;
    private final Peers peers;
    private final DispositionTable table;
    private final Optional<DispositionWriter> writer;
    private final TriageMetrics metrics;
    private final HttpSecurity security;
    private final ObjectMapper json;
    private final Clock clock;

    TriageApi(LocalStores stores, Peers peers, DispositionTable table, Optional<DispositionWriter> writer, TriageMetrics metrics,
              HttpSecurity security, ObjectMapper json, Clock clock) {
        this.stores = stores;
        this.peers = peers;
        this.table = table;
        this.writer = writer;
        this.metrics = metrics;
        this.security = security;
        this.json = json;
        this.clock = clock;
    }

    static String alertId(String value) {
        if (value == null || !ALERT_ID.matcher(value).matches()) {
            throw new BadRequest("alert id must be 32 lowercase hex digits, as on customs.alerts");
        }
        return value;
    }

    /** {@code verdict=open|inspecting|confirmed|dismissed}: which alerts a list keeps, by their verdict in force. */
    Predicate<String> verdictFilter(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("all")) {
            return id -> true;
        }
        if (value.equalsIgnoreCase("open")) {
            return id -> table.get(id).isEmpty();
        }
        Verdict wanted;
        try {
            wanted = TriageRequest.parseVerdict(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("verdict must be all, open, inspecting, confirmed or dismissed, was '" + value + "'");
        }
        return id -> table.get(id).map(d -> d.getLatest().getVerdict() == wanted).orElse(false);
    }

    /** Each alert of a list with its disposition, or null for none yet. */
    ArrayNode withDispositions(ArrayNode alerts) {
        alerts.forEach(alert -> ((ObjectNode) alert).set("disposition",
                table.get(alert.path("alertId").asText()).map(AvroJson::of).orElse(json.nullNode())));
        return alerts;
    }

    /** GET /api/alerts/{id}: the alert's latest record, from the instance holding it, with its disposition. */
    ObjectNode alert(Context ctx) {
        String id = alertId(ctx.pathParam("id"));
        ObjectNode alert = lookUp(ctx, id).deepCopy();
        alert.set("disposition", table.get(id).map(AvroJson::of).orElse(json.nullNode()));
        return alert;
    }

    /** The logged-in user, if they may give verdicts; {@link Forbidden} if not. Checked before anything else is. */
    static String requireTriage(Context ctx, HttpSecurity security) {
        String user = ctx.attribute(HttpGuard.USER_ATTRIBUTE);
        HttpUsers users = security.users().orElseThrow(() -> new IllegalStateException("the guard lets writes through only with users"));
        if (user == null || !users.has(user, HttpUsers.Role.TRIAGE)) {
            throw new Forbidden("user " + user + " may read but not give verdicts: that needs the triage role"
                    + " (sentinel http-user add " + user + " --role triage)");
        }
        return user;
    }

    /** POST /api/alerts/{id}/disposition. */
    ObjectNode decide(Context ctx) throws InterruptedException {
        String user = requireTriage(ctx, security);
        String id = alertId(ctx.pathParam("id"));
        TriageRequest request;
        try {
            request = TriageRequest.parse(ctx.bodyAsBytes(), json);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        JudgedAlert judged = JudgedAlert.fromJson(lookUp(ctx, id));
        VerdictChange change = VerdictChange.newBuilder().setVerdict(request.verdict()).setDecidedBy(user)
                .setDecidedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).setNote(request.note()).build();
        Disposition next = DispositionHistory.next(table.get(id), judged, change);
        writer.orElseThrow(() -> new IllegalStateException("verdicts are written only with users who log in")).write(next);
        metrics.recorded(next);
        audit.info("verdict {} on alert {} ({} {}) by {} from {}, note of {} characters", request.verdict(), id, judged.ruleId(),
                judged.flow().getDispatchCountry() + "->" + judged.flow().getDestinationCountry() + " " + judged.flow().getHsCode(),
                user, ctx.ip(), request.note().length());
        if (!table.awaitRead(next, READ_BACK)) {
            throw new NotReady("the verdict was written but not read back within " + READ_BACK.toSeconds() + " s; reload to see it");
        }
        ctx.status(201);
        return (ObjectNode) AvroJson.of(next);
    }

    /** GET /api/dispositions/precision?since=DATE: per rule, verdicts on alerts first judged since then (default 90 days). */
    ObjectNode precision(Context ctx) {
        Instant since = QueryParams.since(ctx.queryParam("since")).orElse(clock.instant().minus(DEFAULT_PERIOD));
        ObjectNode answer = json.createObjectNode();
        answer.put("since", since.toString());
        ArrayNode rules = answer.putArray("rules");
        for (Map.Entry<String, RulePrecision> rule : RulePrecision.of(table.all(), since).entrySet()) {
            RulePrecision p = rule.getValue();
            ObjectNode node = rules.addObject().put("rule", p.rule()).put("inspecting", p.inspecting()).put("confirmed", p.confirmed())
                    .put("dismissed", p.dismissed());
            if (Double.isNaN(p.precision())) {
                node.putNull("precision");
            } else {
                node.put("precision", p.precision());
            }
        }
        return answer;
    }

    /** The alert as JSON from the instance whose partition of customs.alerts holds it; 404 when no instance does. */
    private JsonNode lookUp(Context ctx, String id) {
        HostInfo owner = stores.ownerOf(TopologyStores.ALERTS_QUERY, id, "alert " + id);
        if (peers.isSelf(owner) || ctx.header(Peers.FORWARDED_HEADER) != null) {
            ValueAndTimestamp<Alert> alert = stores.<Alert>store(TopologyStores.ALERTS_QUERY).get(id);
            if (alert == null) {
                throw new NotFound("no alert " + id);
            }
            return AvroJson.of(alert.value());
        }
        Peers.Answer answer = peers.get(owner, "/api/alerts/" + id, ctx.header("Authorization"));
        if (answer.status() == 404) {
            throw new NotFound("no alert " + id);
        }
        if (answer.status() != 200) {
            throw new NotReady("instance " + owner.host() + ":" + owner.port() + " answered " + answer.status());
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new NotReady("instance " + owner.host() + ":" + owner.port() + " answered something other than JSON");
        }
    }

    /** GET /api/me: who is logged in, what they may do, and the CSRF token their page sends with a write. */
    static ObjectNode me(Context ctx, HttpSecurity security, CsrfToken csrf, ObjectMapper json) {
        ObjectNode me = json.createObjectNode();
        String user = ctx.attribute(HttpGuard.USER_ATTRIBUTE);
        me.put("user", user);
        ArrayNode roles = me.putArray("roles");
        roles.add("reader");
        boolean mayTriage = user != null && security.users().map(u -> u.has(user, HttpUsers.Role.TRIAGE)).orElse(false);
        if (mayTriage) {
            roles.add(HttpUsers.Role.TRIAGE.spelling());
        }
        me.put("mayTriage", mayTriage);
        me.put("readOnly", security.users().isEmpty());
        if (user != null) {
            me.put("csrfToken", csrf.issue(ctx));
        }
        return me;
    }
}
