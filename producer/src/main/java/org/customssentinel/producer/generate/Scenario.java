package org.customssentinel.producer.generate;

import java.time.LocalDate;
import java.util.List;

/** A named set of flows and spikes over a default date range. */
record Scenario(String name, String summary, LocalDate defaultFrom, LocalDate defaultTo, List<FlowSpec> flows, List<Spike> spikes) {
}
