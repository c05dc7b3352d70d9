package org.customssentinel.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.streams.app.Replays;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * What a pipeline run left on its topics, read as a {@code read_committed} client sees it.
 *
 * @param finals           FINAL alerts by id, with the figures that must not change between runs
 * @param finalCopies      how many FINAL records each alert id has
 * @param declarations     how many records each declaration id has on the declarations topic
 * @param enriched         how many enriched records each declaration id has: counted once means processed once
 * @param rejectedByReason rejected records by their first reason code
 * @param windows          every window's latest figures on customs.flows.windowed, open ones too: what a dashboard shows
 */
record Outcome(Map<String, String> finals, Map<String, Long> finalCopies, Map<String, Long> declarations, Map<String, Long> enriched,
               Map<String, Long> rejectedByReason, Map<String, String> windows) {

    static Outcome of(List<Alert> alerts, Map<String, Long> declarations, Map<String, Long> enriched, List<RejectedRecord> rejected,
                      List<FlowWindow> windows) {
        Map<String, Long> copies = alerts.stream().filter(a -> a.getStatus() == AlertStatus.FINAL)
                .collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
        Map<String, Long> reasons = new TreeMap<>(rejected.stream()
                .collect(Collectors.groupingBy(r -> r.getReasons().get(0).getCode(), Collectors.counting())));
        Map<String, String> latest = new TreeMap<>();
        windows.forEach(w -> latest.put(FlowKeys.windowedTopicKey(FlowKeys.key(w.getFlow()), w.getWindowStart().toEpochMilli()),
                w.getClosed() + " " + w.getTotalValueUsd() + " " + w.getTotalNetMassKg() + " " + w.getItemCount() + " "
                        + w.getDeclarationCount() + " " + w.getBaselineValueUsd()));
        return new Outcome(Replays.finalFigures(alerts), copies, declarations, enriched, reasons, latest);
    }

    /** FINAL alert ids read more than once. */
    Map<String, Long> duplicateFinals() {
        return finalCopies.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Ids of {@code expected} that are absent from {@code counts}, and those present more than once. */
    static Map<String, Long> notExactlyOnce(Set<String> expected, Map<String, Long> counts) {
        Map<String, Long> wrong = new HashMap<>();
        expected.forEach(id -> {
            long n = counts.getOrDefault(id, 0L);
            if (n != 1) {
                wrong.put(id, n);
            }
        });
        counts.forEach((id, n) -> {
            if (!expected.contains(id)) {
                wrong.put(id, n);
            }
        });
        return wrong;
    }
}
