package org.customssentinel.producer.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * A named set of flows, spikes and planted new traders over a default date range.
 *
 * @param newTraders exporters that appear from nowhere and ship controlled goods for a few months, each a flow of
 *                   its own whose one exporter is new (NEW_TRADER's ground truth)
 */
record Scenario(String name, String summary, LocalDate defaultFrom, LocalDate defaultTo, List<FlowSpec> flows, List<Spike> spikes,
                List<FlowSpec> newTraders) {

    /** What is generated month by month: the flows and the new traders' shipments. */
    List<FlowSpec> allFlows() {
        return java.util.stream.Stream.concat(flows.stream(), newTraders.stream()).toList();
    }
}
