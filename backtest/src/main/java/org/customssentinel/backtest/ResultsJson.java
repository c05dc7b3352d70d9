package org.customssentinel.backtest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.schemas.json.AvroJson;

/** The backtest's figures as one JSON document, for tooling: the same figures the table and the report show. */
public final class ResultsJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultsJson() {
    }

    /** {@code withAlerts}: each setting's alerts too (every record, PROVISIONAL and FINAL, in the order written). */
    public static String of(BacktestRun run, boolean withAlerts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode input = root.putObject("input");
        run.files().forEach(input.putArray("files")::add);
        input.put("declarations", run.input().declarations().size());
        input.put("rejected", run.input().rejected());
        input.putPOJO("rejectedByReason", run.input().rejectedByReason());
        input.put("partitions", run.partitions());
        input.put("labels", run.labels().size());
        Optional<ScoredResult> best = ScoredResult.best(run.results());
        ArrayNode settings = root.putArray("settings");
        for (ScoredResult scored : run.results()) {
            BacktestResult result = scored.result();
            ObjectNode node = settings.addObject();
            node.put("name", result.setting().name());
            node.putPOJO("varied", result.setting().varied());
            node.putPOJO("properties", result.setting().properties());
            node.put("best", best.filter(b -> b == scored).isPresent());
            node.put("declarations", result.declarations());
            node.put("rejected", result.rejected());
            node.putPOJO("rejectedByReason", result.rejectedByReason());
            node.put("duplicatesDropped", result.duplicates());
            node.put("alerts", result.alerts().size());
            node.put("finalAlerts", result.finals().size());
            node.putPOJO("finalAlertsByRule", result.finalsBy(a -> AlertRules.idOf(a.alert())));
            node.putPOJO("finalAlertsBySeverity", result.finalsBy(a -> a.alert().getSeverity().name()));
            ObjectNode lanes = node.putObject("lanes");
            result.lanes().forEach((lane, count) -> lanes.putObject(lane.name()).put("declarations", count).put("share", result.laneShare(lane)));
            ObjectNode months = node.putObject("finalAlertsByMonthAndRule");
            scored.finalsByMonthAndRule().forEach((month, rules) -> months.putPOJO(month.toString(), rules));
            node.put("seconds", result.elapsed().toMillis() / 1000.0);
            node.put("declarationsPerSecond", Math.round(result.declarationsPerSecond()));
            scored.score().ifPresent(score -> score(node.putObject("score"), score));
            if (withAlerts) {
                ArrayNode alerts = node.putArray("alertRecords");
                result.alerts().forEach(a -> alerts.add(AvroJson.of(a.alert())));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the results do not serialise: " + e.getMessage(), e);
        }
    }

    private static void score(ObjectNode node, Scorecard score) {
        node.put("precision", score.precision());
        node.put("recall", score.recall());
        node.put("f1", score.f1());
        node.put("alerts", score.alerts());
        node.put("truePositives", score.truePositives());
        node.put("falsePositives", score.falsePositives());
        node.put("unjudged", score.unjudged());
        node.put("labelled", score.labels());
        node.put("detected", score.detected());
        score.medianDelay().ifPresentOrElse(d -> node.put("medianDelayDays", days(d)), () -> node.putNull("medianDelayDays"));
        ArrayNode labels = node.putArray("labels");
        for (Map.Entry<AnomalyLabel, Optional<Duration>> e : score.delays().entrySet()) {
            AnomalyLabel label = e.getKey();
            ObjectNode l = labels.addObject().put("flow", label.flow()).put("firstWindow", label.firstWindow().toString())
                    .put("lastWindow", label.lastWindow().toString()).put("description", label.description())
                    .put("verdict", label.verdict().name());
            label.rules().forEach(l.putArray("rules")::add);
            e.getValue().ifPresentOrElse(d -> l.put("delayDays", days(d)), () -> l.putNull("delayDays"));
        }
    }

    /** A duration in days to one decimal, as every table and chart shows delays. */
    public static double days(Duration d) {
        return Math.round(d.toMinutes() / 144.0) / 10.0;
    }
}
