package org.customssentinel.schemas.topic;

/**
 * How fast an app consumed {@code count} records, two ways: with its start (from launch to the last commit), and
 * steady (from the first look after it was running and had committed a warm-up share of the records, to the last
 * commit). At a small scale most of a run is start-up (rebalance, global stores, JIT); the steady rate is the work per
 * record, so it holds from short runs to long ones. Fed by whoever polls the group's committed offsets.
 */
public final class ConsumedRate {

    /**
     * The warm-up share every app of the bench and its peer use unless told otherwise: a quarter of the records after
     * RUNNING, which at scale 1 is past the JIT's first compilations.
     */
    public static final String DEFAULT_WARM_UP_SHARE = "0.25";

    private final long count;
    private final double warmUpShare;
    private final long startedNanos;
    private long runningNanos = -1;
    private long steadyFromNanos = -1;
    private long steadyFromRecords;

    /** {@code warmUpShare}: the share of the records committed after RUNNING before the steady rate starts, in [0, 1). */
    public ConsumedRate(long count, double warmUpShare, long startedNanos) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        if (!(warmUpShare >= 0 && warmUpShare < 1)) {
            throw new IllegalArgumentException("the warm-up share must be at least 0 and below 1, was " + warmUpShare);
        }
        this.count = count;
        this.warmUpShare = warmUpShare;
        this.startedNanos = startedNanos;
    }

    /** The app is running (Kafka Streams: RUNNING; Flink: the job is); later calls change nothing. */
    public void running(long nanos) {
        if (runningNanos < 0) {
            runningNanos = nanos;
        }
    }

    /** The group had committed {@code committed} records when looked at, at {@code nanos}. */
    public void sample(long committed, long nanos) {
        if (runningNanos >= 0 && steadyFromNanos < 0 && committed >= warmUpShare * count && committed < count) {
            steadyFromNanos = nanos;
            steadyFromRecords = committed;
        }
    }

    /** Declarations (records) per second from launch to {@code endNanos}, the last commit. */
    public double withStart(long endNanos) {
        return count / seconds(startedNanos, endNanos);
    }

    /** Records per second from the steady start to {@code endNanos}; NaN when the run ended before one was seen. */
    public double steady(long endNanos) {
        return steadyFromNanos < 0 ? Double.NaN : (count - steadyFromRecords) / seconds(steadyFromNanos, endNanos);
    }

    /** Seconds from launch to RUNNING; NaN when it never ran. */
    public double secondsToRunning() {
        return runningNanos < 0 ? Double.NaN : seconds(startedNanos, runningNanos);
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.max(toNanos - fromNanos, 1) / 1e9;
    }
}
