package org.customssentinel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * The Flink peer's alerts against the full topology's, on the same records: every FINAL SPIKE and
 * NEW_CONTROLLED_FLOW by rule, flow and window, with the window's value. The same logic on two engines; a
 * difference is a bug on one side.
 */
final class PeerAlerts {

    /** {@code examples}: a few of the differences, to start looking. */
    record Comparison(int ours, int theirs, int differing, List<String> examples) {
    }

    private PeerAlerts() {
    }

    static Comparison compare(BenchRun run, String ourTopic, String peerTopic) {
        Map<String, String> ours = new TreeMap<>();
        AvroDeserializer<Alert> alerts = new AvroDeserializer<>();
        alerts.configure(Map.of("schema.registry.url", run.registry(), "specific.avro.reader", true), false);
        for (var record : TopicSnapshot.read(run.bootstrap(), ourTopic, alerts)) {
            Alert a = record.value();
            if (a != null && a.getStatus() == AlertStatus.FINAL
                    && (a.getRule() == AlertRule.SPIKE || a.getRule() == AlertRule.NEW_CONTROLLED_FLOW)) {
                ours.put(String.join("|", a.getRule().name(), FlowKeys.key(a.getFlow()), a.getWindowStart().toString()),
                        a.getCurrentValueUsd().toPlainString());
            }
        }
        Map<String, String> theirs = new TreeMap<>();
        for (var record : TopicSnapshot.read(run.bootstrap(), peerTopic, new StringDeserializer())) {
            // rule, flow key, window start, value, median: tab-separated (flow keys contain '|').
            String[] parts = record.value().split("\t");
            theirs.put(String.join("|", parts[0], parts[1], parts[2]), parts[3]);
        }
        TreeSet<String> keys = new TreeSet<>(ours.keySet());
        keys.addAll(theirs.keySet());
        List<String> examples = new ArrayList<>();
        int differing = 0;
        for (String key : keys) {
            String a = ours.get(key);
            String b = theirs.get(key);
            if (a == null || !a.equals(b)) {
                differing++;
                if (examples.size() < 5) {
                    examples.add(key + ": ours " + (a == null ? "none" : a) + ", Flink's " + (b == null ? "none" : b));
                }
            }
        }
        return new Comparison(ours.size(), theirs.size(), differing, examples);
    }
}
