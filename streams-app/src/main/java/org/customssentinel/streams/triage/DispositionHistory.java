package org.customssentinel.streams.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.VerdictChange;

/** An alert's next disposition record: the new verdict in force, every earlier one carried along (compaction keeps one record). */
public final class DispositionHistory {

    private DispositionHistory() {
    }

    public static Disposition next(Optional<Disposition> previous, JudgedAlert alert, VerdictChange change) {
        List<VerdictChange> earlier = new ArrayList<>();
        previous.ifPresent(before -> {
            earlier.addAll(before.getEarlier());
            earlier.add(before.getLatest());
        });
        return Disposition.newBuilder()
                .setAlertId(alert.alertId())
                .setRuleId(alert.ruleId())
                .setFlow(alert.flow())
                .setWindowStart(alert.windowStart())
                .setWindowEnd(alert.windowEnd())
                .setLatest(change)
                .setEarlier(earlier)
                .build();
    }

    /** When the alert got its first verdict. */
    public static Instant firstDecidedAt(Disposition disposition) {
        return disposition.getEarlier().isEmpty() ? disposition.getLatest().getDecidedAt() : disposition.getEarlier().get(0).getDecidedAt();
    }
}
