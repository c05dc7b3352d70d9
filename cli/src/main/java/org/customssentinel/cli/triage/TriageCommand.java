package org.customssentinel.cli.triage;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.customssentinel.streams.query.access.CsrfToken;
import org.customssentinel.streams.triage.TriageRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Gives an alert a verdict through the query API, as the dashboard's buttons do. */
@Command(name = "triage", mixinStandardHelpOptions = true,
        header = "Give an alert a verdict: inspecting, confirmed or dismissed.",
        description = {"Through the query API of a streams instance started with --http-auth, as a user with the triage role",
                "(`sentinel http-user add NAME --role triage`). The verdict is kept on customs.alerts.dispositions with who and",
                "when, beside the alert's earlier verdicts; every instance's dashboard shows it. Exit code 0 once it is kept,",
                "1 when refused (unknown alert, not allowed, bad note), with the reason."},
        footer = {"", "Example:", "  SENTINEL_HTTP_PASSWORD=... bin/sentinel triage 3f2a...e1 --verdict confirmed --note 'seized at Brest' --user alice"})
public final class TriageCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert's id, as on customs.alerts and the dashboard.")
    String alertId;

    @Option(names = "--verdict", required = true, paramLabel = "VERDICT", description = "inspecting, confirmed or dismissed.")
    String verdict;

    @Option(names = "--note", defaultValue = "", paramLabel = "TEXT",
            description = "Why, or what was found (at most " + TriageRequest.MAX_NOTE + " characters).")
    String note;

    @Mixin
    QueryApiLogin login;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TriageRequest request = new TriageRequest(TriageRequest.parseVerdict(verdict), note);
        String base = login.base();
        String authorization = login.authorization();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(login.sslContext()).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        HttpResponse<String> me = send(http, HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Authorization", authorization).GET(), base);
        if (me.statusCode() != 200) {
            return refused(err, "logging in", me);
        }
        JsonNode who = JSON.readTree(me.body());
        if (!who.path("mayTriage").asBoolean()) {
            err.println("refused: " + who.path("user").asText("this user") + " may read but not give verdicts (needs the triage role:"
                    + " sentinel http-user add " + who.path("user").asText("NAME") + " --role triage)");
            err.flush();
            return 1;
        }
        String csrf = who.path("csrfToken").asText();
        ObjectNode body = JSON.createObjectNode().put("verdict", request.verdict().name()).put("note", request.note());
        HttpResponse<String> answer = send(http, HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + alertId + "/disposition"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header(CsrfToken.HEADER, csrf).header("Cookie", CsrfToken.COOKIE + "=" + csrf)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), base);
        if (answer.statusCode() != 201) {
            return refused(err, "giving the verdict", answer);
        }
        JsonNode kept = JSON.readTree(answer.body());
        JsonNode latest = kept.path("latest");
        JsonNode flow = kept.path("flow");
        out.printf("%s on alert %s (%s %s→%s %s, window %s) by %s at %s%n", latest.path("verdict").asText(), kept.path("alertId").asText(),
                kept.path("ruleId").asText(), flow.path("dispatchCountry").asText(), flow.path("destinationCountry").asText(),
                flow.path("hsCode").asText(), kept.path("windowStart").asText().substring(0, 10), latest.path("decidedBy").asText(),
                latest.path("decidedAt").asText());
        for (JsonNode earlier : kept.path("earlier")) {
            out.printf("  earlier: %s by %s at %s%n", earlier.path("verdict").asText(), earlier.path("decidedBy").asText(),
                    earlier.path("decidedAt").asText());
        }
        out.flush();
        return 0;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, String base) throws IOException, InterruptedException {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalArgumentException("no query API answers at " + base + " (is `sentinel streams` running there? --api URL)", e);
        }
    }

    private static int refused(PrintWriter err, String what, HttpResponse<String> answer) {
        String reason;
        try {
            reason = JSON.readTree(answer.body()).path("error").asText(answer.body());
        } catch (IOException e) {
            reason = answer.body();
        }
        err.println("refused while " + what + " (HTTP " + answer.statusCode() + "): " + reason);
        err.flush();
        return 1;
    }
}
