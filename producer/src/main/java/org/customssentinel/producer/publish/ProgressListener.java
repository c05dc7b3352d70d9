package org.customssentinel.producer.publish;

import java.time.Instant;

/** Hears how a run is going; called for every record, so implementations throttle their output. */
public interface ProgressListener {

    void onRecord(long accepted, long rejected, double fraction, Instant eventTime);

    /** The run ended (called once, before the summary). */
    default void onEnd() {
    }

    ProgressListener NONE = (accepted, rejected, fraction, eventTime) -> { };
}
