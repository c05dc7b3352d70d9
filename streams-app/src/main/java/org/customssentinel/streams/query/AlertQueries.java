package org.customssentinel.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.topology.TopologyStores;

/** Alerts held on this instance, newest first: each alert's latest status (a FINAL replaces its PROVISIONAL). */
final class AlertQueries {

    /** What to look for. */
    record Filter(Optional<Instant> since, Optional<String> rule, Optional<String> flowKey, Predicate<String> alertIds, int limit) {
    }

    private final LocalStores stores;

    AlertQueries(LocalStores stores) {
        this.stores = stores;
    }

    ArrayNode recent(Filter filter) {
        List<Alert> found = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Alert>> all = stores.<Alert>store(TopologyStores.ALERTS_QUERY).all()) {
            all.forEachRemaining(entry -> {
                Alert alert = entry.value.value();
                if (filter.since().map(s -> !alert.getWindowEnd().isBefore(s)).orElse(true)
                        && filter.rule().map(r -> AlertRules.idOf(alert).equals(r)).orElse(true)
                        && filter.flowKey().map(f -> FlowKeys.key(alert.getFlow()).equals(f)).orElse(true)
                        && filter.alertIds().test(alert.getAlertId())) {
                    found.add(alert);
                }
            });
        }
        found.sort(Comparator.comparing(Alert::getWindowEnd, Comparator.reverseOrder()).thenComparing(Alert::getAlertId));
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        found.stream().limit(filter.limit()).forEach(a -> result.add(AvroJson.of(a)));
        return result;
    }

    /** Merges instances' answers: newest first by window end, then id, at most {@code limit}. */
    static ArrayNode merge(List<JsonNode> answers, int limit) {
        List<JsonNode> all = new ArrayList<>();
        answers.forEach(answer -> answer.forEach(all::add));
        all.sort(Comparator.comparing((JsonNode a) -> Instant.parse(a.path("windowEnd").asText()), Comparator.reverseOrder())
                .thenComparing(a -> a.path("alertId").asText()));
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        all.stream().limit(limit).forEach(result::add);
        return result;
    }
}
