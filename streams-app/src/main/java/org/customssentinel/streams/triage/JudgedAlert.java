package org.customssentinel.streams.triage;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.schemas.alert.AlertRules;

/**
 * What a disposition keeps of the alert it judges, read from the alert itself or from its JSON as another instance's
 * query API served it ({@code GET /api/alerts/{id}}).
 */
public record JudgedAlert(String alertId, String ruleId, TradeFlow flow, Instant windowStart, Instant windowEnd) {

    public static JudgedAlert of(Alert alert) {
        return new JudgedAlert(alert.getAlertId(), AlertRules.idOf(alert), alert.getFlow(), alert.getWindowStart(), alert.getWindowEnd());
    }

    public static JudgedAlert fromJson(JsonNode alert) {
        JsonNode flow = alert.path("flow");
        String rule = alert.path("ruleId").isTextual() ? alert.path("ruleId").asText() : alert.path("rule").asText();
        JsonNode origin = flow.path("originCountry");
        return new JudgedAlert(alert.path("alertId").asText(), rule,
                TradeFlow.newBuilder().setDispatchCountry(flow.path("dispatchCountry").asText())
                        .setDestinationCountry(flow.path("destinationCountry").asText()).setHsCode(flow.path("hsCode").asText())
                        .setOriginCountry(origin.isTextual() ? origin.asText() : null).build(),
                Instant.parse(alert.path("windowStart").asText()), Instant.parse(alert.path("windowEnd").asText()));
    }
}
