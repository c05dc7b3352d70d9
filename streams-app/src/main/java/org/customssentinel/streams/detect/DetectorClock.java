package org.customssentinel.streams.detect;

import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.memory.WriteThroughStore;
import org.customssentinel.streams.topology.TopologyStores;

/**
 * Where detection stands on one flow partition, kept in the store {@value TopologyStores#DETECTOR_CLOCK}: for each
 * input partition, its stream time and the earliest declaration it counted (both reach every flow partition as
 * watermarks), and the start of the last window closed here.
 */
public final class DetectorClock {

    private static final String STREAM_TIME_OF = "wm|";
    private static final String FIRST_SEEN_OF = "first-seen|";
    private static final String CLOSED_THROUGH = "closed-through";

    private final WriteThroughStore<Long> store;
    private final int inputPartitions;
    private final WindowSettings windows;

    public DetectorClock(WriteThroughStore<Long> store, int inputPartitions, WindowSettings windows) {
        this.store = store;
        this.inputPartitions = inputPartitions;
        this.windows = windows;
    }

    /** Takes an input partition's watermark; times only move forward, first-seen only back. */
    public void advance(Watermark watermark) {
        String key = STREAM_TIME_OF + watermark.getSourcePartition();
        Long known = store.get(key);
        long time = watermark.getStreamTime().toEpochMilli();
        if (known == null || time > known) {
            store.put(key, time);
        }
        if (watermark.getFirstSeen() != null) {
            String firstKey = FIRST_SEEN_OF + watermark.getSourcePartition();
            Long firstKnown = store.get(firstKey);
            long first = watermark.getFirstSeen().toEpochMilli();
            if (firstKnown == null || first < firstKnown) {
                store.put(firstKey, first);
            }
        }
    }

    /** The least stream time over every input partition (none can still send anything older), or MIN_VALUE. */
    public long watermark() {
        return leastOverInputPartitions(STREAM_TIME_OF);
    }

    /**
     * The earliest declaration counted on any input partition, so the warm-up is the application's, not this flow
     * partition's (which depends on which flows hash here). Final by the time it decides anything: once every
     * partition's stream time has passed a window's grace, nothing earlier can still be counted.
     */
    public long firstSeen() {
        return leastOverInputPartitions(FIRST_SEEN_OF);
    }

    /**
     * What is due to close at {@code watermark}: the window boundary at or before {@code watermark - lagMs}, when the
     * watermark has crossed another boundary since the last call (recorded as {@link #closedThrough()}); else
     * MIN_VALUE, and nothing needs a scan. Flow windows, keyed by their start, lag by size plus grace; exporters'
     * periods, keyed by their end, by grace alone.
     */
    public long closeThrough(long watermark, long lagMs) {
        if (watermark == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long boundary = windows.startOf(watermark - lagMs);
        if (closedThrough() >= boundary) {
            return Long.MIN_VALUE;
        }
        closedThrough(boundary);
        return boundary;
    }

    /**
     * Warm-up: whether a window or period starting at {@code start} begins at least {@code windowsAfter} windows after
     * the window of the first declaration the application counted on any input partition. Before, nothing fires: a
     * replay's first weeks would otherwise look new.
     */
    public boolean pastWarmUp(long start, long windowsAfter) {
        long first = firstSeen();
        return first != Long.MIN_VALUE && start - windows.startOf(first) >= windowsAfter * windows.sizeMs();
    }

    /** The start of the last window closed, or MIN_VALUE before the first. */
    public long closedThrough() {
        Long closed = store.get(CLOSED_THROUGH);
        return closed == null ? Long.MIN_VALUE : closed;
    }

    public void closedThrough(long windowStart) {
        store.put(CLOSED_THROUGH, windowStart);
    }

    private long leastOverInputPartitions(String prefix) {
        long min = Long.MAX_VALUE;
        for (int p = 0; p < inputPartitions; p++) {
            Long time = store.get(prefix + p);
            if (time == null) {
                return Long.MIN_VALUE;
            }
            min = Math.min(min, time);
        }
        return min;
    }
}
