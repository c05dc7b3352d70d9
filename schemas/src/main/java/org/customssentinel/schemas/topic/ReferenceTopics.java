package org.customssentinel.schemas.topic;

import java.util.Map;

/** How the reference topics (HS classifications, watchlist) are laid out when the project creates them. */
public final class ReferenceTopics {

    /**
     * One partition: every streams instance reads the whole of each reference topic into a global store before it
     * processes anything, and Kafka Streams does that partition by partition. Measured with the shipped lists, the
     * bootstrap took 4.6 s over six partitions per topic and 0.6 s over one; a few thousand entries need no more.
     */
    public static final int PARTITIONS = 1;

    /** Compacted: the latest entry per key is the reference. */
    public static final Map<String, String> CONFIGS = Map.of("cleanup.policy", "compact");

    private ReferenceTopics() {
    }
}
