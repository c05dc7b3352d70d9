package org.customssentinel.streams.risk;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.enrich.PartyNames;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * The latest alert per flow or route and per exporter raised as NEW_TRADER, for risk indicators. Fed from the whole
 * of customs.alerts (every instance's alerts, not only this one's flows) on a thread of its own; read by the stream
 * threads that score declarations. A declaration scored before an alert reached this index does not carry it: the
 * indicator says what was known when the declaration was scored.
 */
public final class OpenAlerts {

    /** What a declaration's indicator cites of an alert. */
    public record Flagged(String alertId, String rule, Instant windowStart, Instant windowEnd, String summary) {
    }

    private final Map<String, Flagged> byFlow = new ConcurrentHashMap<>();
    private final Map<String, Flagged> byExporter = new ConcurrentHashMap<>();

    /** Indexes an alert; WATCHLIST_HIT concerns one declaration, not its flow, and is left out. */
    public void add(Alert alert) {
        Flagged flagged = new Flagged(alert.getAlertId(), AlertRules.idOf(alert), alert.getWindowStart(), alert.getWindowEnd(), alert.getSummary());
        if (flagged.rule().equals("NEW_TRADER")) {
            if (!alert.getTopParties().isEmpty()) {
                byExporter.merge(PartyNames.normalize(alert.getTopParties().get(0).getName()), flagged, OpenAlerts::later);
            }
        } else if (!flagged.rule().equals("WATCHLIST_HIT")) {
            byFlow.merge(FlowKeys.key(alert.getFlow()), flagged, OpenAlerts::later);
        }
    }

    /** The latest alert on this flow or route key. */
    public Optional<Flagged> onFlow(String flowKey) {
        return Optional.ofNullable(byFlow.get(flowKey));
    }

    /** The NEW_TRADER alert of the exporter of this name. */
    public Optional<Flagged> onExporter(String exporterName) {
        // Asked for every declaration; normalizing a name costs more than the rest of the lookup.
        if (byExporter.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byExporter.get(PartyNames.normalize(exporterName)));
    }

    private static Flagged later(Flagged a, Flagged b) {
        return b.windowStart().isBefore(a.windowStart()) ? a : b;
    }
}
