package org.customssentinel.streams.topology;

import java.util.Set;
import java.util.function.Predicate;

/**
 * What a topology does. {@link #FULL} is Customs Sentinel. {@link #PEER} is the job of the bench's Apache Flink peer
 * alone, on the same nodes, so the two engines can be compared like for like: SPIKE and NEW_CONTROLLED_FLOW judged on
 * the trade flows' windows and their alerts written, nothing else (no duplicate filter, no enriched declarations, risk
 * lanes, windows for dashboards or query tables, no routes or exporters' records). Only the bench runs it.
 */
public enum TopologyJob {
    FULL(rule -> true),
    PEER(Set.of("SPIKE", "NEW_CONTROLLED_FLOW")::contains);

    private final Predicate<String> judges;

    TopologyJob(Predicate<String> judges) {
        this.judges = judges;
    }

    /** Whether the rule of this id is judged. */
    public Predicate<String> judges() {
        return judges;
    }

    /**
     * Whether the pipeline around detection runs: each declaration id counted once, the enriched declarations, risk
     * lanes, windows for dashboards and the query tables.
     */
    public boolean servesCustoms() {
        return this == FULL;
    }
}
