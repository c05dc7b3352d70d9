package org.customssentinel.streams.topology;

/**
 * The names of the topology's nodes that processors forward to by name. A processor sends each record to the child it
 * is for, so no envelope says where a record goes and no node exists only to split one.
 */
final class Nodes {

    static final String DROP_DUPLICATES = "drop-duplicate-declarations";
    static final String KEEP_EVENT_TIME = "keep-event-time";
    static final String REJECTED_SINK = "rejected-sink";
    static final String FLOW_EVENTS_SINK = "flow-events-sink";
    /** Every flow event goes through it on the way to its sink ({@link ContributionBatcher}). */
    static final String ADD_UP_CONTRIBUTIONS = "add-up-contributions";
    static final String ALERTS_SINK = "alerts-sink";
    /** The declaration rules' alerts, written from the declarations' sub-topology (a sink belongs to one). */
    static final String WATCHLIST_ALERTS_SINK = "watchlist-alerts-sink";
    static final String FLOWS_WINDOWED_SINK = "flows-windowed-sink";
    static final String ENRICH = "enrich-declarations";

    private Nodes() {
    }
}
