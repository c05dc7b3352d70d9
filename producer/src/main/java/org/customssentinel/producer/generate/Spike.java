package org.customssentinel.producer.generate;

import java.time.LocalDate;

/**
 * A sudden short burst on top of a flow, as newly formed intermediaries cause: in the week starting {@code weekStart},
 * {@code exporter} ships {@code multiple} times the flow's usual weekly value of {@code hsCode}.
 */
record Spike(char flowCode, String hsCode, LocalDate weekStart, double multiple, String exporter) {
}
