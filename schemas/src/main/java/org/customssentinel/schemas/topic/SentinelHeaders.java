package org.customssentinel.schemas.topic;

/** The record headers the project's producers set and its consumers read. */
public final class SentinelHeaders {

    /**
     * When our producer published the declaration: wall-clock epoch milliseconds as decimal ASCII text. The streams app
     * measures alert latency from it; records written by others do not carry it.
     */
    public static final String PUBLISHED_AT = "sentinel.published-at";

    private SentinelHeaders() {
    }
}
