package org.customssentinel.producer.generate;

import java.time.LocalDate;

/**
 * A sudden short burst on top of a flow, as newly formed intermediaries cause: in the week starting {@code weekStart},
 * {@code exporter} ships {@code multiple} times the flow's usual weekly value of {@code hsCode}, its goods weighing
 * {@code kgMultiple} times what that value of them usually weighs (1: honest declarations; more: goods undervalued or
 * declared under the wrong heading, UNIT_VALUE's ground truth).
 */
record Spike(char flowCode, String hsCode, LocalDate weekStart, double multiple, String exporter, double kgMultiple) {

    Spike(char flowCode, String hsCode, LocalDate weekStart, double multiple, String exporter) {
        this(flowCode, hsCode, weekStart, multiple, exporter, 1);
    }

    /** A week of the flow's usual value, by one of its usual exporters, weighing {@code kgMultiple} times as much. */
    static Spike misdeclared(char flowCode, String hsCode, LocalDate weekStart, double kgMultiple, String exporter) {
        return new Spike(flowCode, hsCode, weekStart, 1, exporter, kgMultiple);
    }

    boolean misdeclared() {
        return kgMultiple != 1;
    }
}
