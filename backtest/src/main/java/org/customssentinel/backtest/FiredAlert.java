package org.customssentinel.backtest;

import java.time.Instant;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;

/** An alert the topology wrote, with the event time it was written at (its record's timestamp). */
public record FiredAlert(Alert alert, Instant firedAt) {

    public boolean isFinal() {
        return alert.getStatus() == AlertStatus.FINAL;
    }
}
