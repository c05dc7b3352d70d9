package org.customssentinel.streams.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologyStores;

/** Flow windows held on this instance: a window's top flows, a flow's series. */
final class FlowQueries {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LocalStores stores;
    private final WindowSettings windows;

    FlowQueries(LocalStores stores, WindowSettings windows) {
        this.stores = stores;
        this.windows = windows;
    }

    /**
     * This instance's flows in a window, largest first. Without a date, the latest window held here: merged over
     * instances, the latest of them is the latest overall, and an instance with flows in it reports that one.
     */
    ObjectNode top(Optional<Instant> date, int limit) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<FlowWindow>> store = stores.store(TopologyStores.FLOWS_QUERY);
        Long wanted = date.map(d -> windows.startOf(d.toEpochMilli())).orElse(null);
        List<FlowWindow> found = new ArrayList<>();
        long latest = Long.MIN_VALUE;
        try (KeyValueIterator<String, ValueAndTimestamp<FlowWindow>> all = store.all()) {
            while (all.hasNext()) {
                FlowWindow w = all.next().value.value();
                long start = w.getWindowStart().toEpochMilli();
                if (wanted == null && start > latest) {
                    latest = start;
                    found.clear();
                }
                if (start == (wanted == null ? latest : wanted)) {
                    found.add(w);
                }
            }
        }
        found.sort(byValue());
        ObjectNode result = JSON.objectNode();
        long start = wanted != null ? wanted : latest;
        result.put("windowStart", start == Long.MIN_VALUE ? null : Instant.ofEpochMilli(start).toString());
        ArrayNode flows = result.putArray("flows");
        found.stream().limit(limit).forEach(w -> flows.add(window(w, true)));
        return result;
    }

    /** The flow's windows, oldest first, or empty when this instance holds none. */
    Optional<ObjectNode> series(String flowKey) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<FlowWindow>> store = stores.store(TopologyStores.FLOWS_QUERY);
        ArrayNode series = JSON.arrayNode();
        FlowWindow last = null;
        // Keys are flow|window-start in ISO form: a range over the flow's prefix is its series in time order.
        try (KeyValueIterator<String, ValueAndTimestamp<FlowWindow>> range = store.range(flowKey + "|", flowKey + "|\uffff")) {
            while (range.hasNext()) {
                KeyValue<String, ValueAndTimestamp<FlowWindow>> next = range.next();
                if (FlowKeys.flowOfWindowedTopicKey(next.key).equals(flowKey)) {
                    last = next.value.value();
                    series.add(window(last, false));
                }
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        ObjectNode result = JSON.objectNode();
        result.set("flow", flow(last));
        result.put("flowKey", flowKey);
        result.set("windows", series);
        return Optional.of(result);
    }

    static Comparator<FlowWindow> byValue() {
        return Comparator.comparing(FlowWindow::getTotalValueUsd, Comparator.reverseOrder())
                .thenComparing(w -> FlowKeys.key(w.getFlow()));
    }

    /** Merges top lists from several instances: only the latest window, largest first, at most {@code limit}. */
    static ObjectNode merge(List<JsonNode> tops, int limit) {
        String window = null;
        for (JsonNode top : tops) {
            String start = top.path("windowStart").isNull() ? null : top.path("windowStart").asText(null);
            if (start != null && (window == null || Instant.parse(start).isAfter(Instant.parse(window)))) {
                window = start;
            }
        }
        List<JsonNode> flows = new ArrayList<>();
        for (JsonNode top : tops) {
            if (window != null && window.equals(top.path("windowStart").asText(null))) {
                top.path("flows").forEach(flows::add);
            }
        }
        flows.sort(Comparator.comparing((JsonNode f) -> f.path("totalValueUsd").decimalValue(), Comparator.reverseOrder())
                .thenComparing(f -> f.path("flowKey").asText()));
        ObjectNode result = JSON.objectNode();
        result.put("windowStart", window);
        ArrayNode merged = result.putArray("flows");
        flows.stream().limit(limit).forEach(merged::add);
        return result;
    }

    private static ObjectNode window(FlowWindow w, boolean withFlow) {
        ObjectNode node = JSON.objectNode();
        if (withFlow) {
            node.set("flow", flow(w));
            node.put("flowKey", FlowKeys.key(w.getFlow()));
        }
        node.put("windowStart", w.getWindowStart().toString());
        node.put("windowEnd", w.getWindowEnd().toString());
        node.put("totalValueUsd", w.getTotalValueUsd());
        node.put("declarationCount", w.getDeclarationCount());
        node.put("itemCount", w.getItemCount());
        BigDecimal baseline = w.getBaselineValueUsd();
        node.put("baselineValueUsd", baseline);
        if (w.getRatio() == null) {
            node.putNull("ratio");
        } else {
            node.put("ratio", w.getRatio());
        }
        node.put("controlled", w.getControlled());
        node.put("closed", w.getClosed());
        return node;
    }

    private static ObjectNode flow(FlowWindow w) {
        ObjectNode flow = JSON.objectNode();
        flow.put("dispatchCountry", w.getFlow().getDispatchCountry());
        flow.put("destinationCountry", w.getFlow().getDestinationCountry());
        flow.put("hsCode", w.getFlow().getHsCode());
        return flow;
    }
}
