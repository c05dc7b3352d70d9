package org.customssentinel.producer.publish;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Holds records back so that event time advances {@code factor} times faster than wall time, measured from the
 * first record. Records earlier than the newest one seen are not delayed: order in the file is kept as it is.
 */
final class Pacer {

    /** Sleeps; a seam so tests need not wait. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final Speed speed;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private Instant firstEvent;
    private long firstNanos;

    Pacer(Speed speed, Sleeper sleeper, LongSupplier nanoTime) {
        this.speed = speed;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    static Pacer realTime(Speed speed) {
        return new Pacer(speed, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)), System::nanoTime);
    }

    void await(Instant eventTime) throws InterruptedException {
        if (speed.factor().isEmpty()) {
            return;
        }
        if (firstEvent == null) {
            firstEvent = eventTime;
            firstNanos = nanoTime.getAsLong();
            return;
        }
        double eventNanos = (eventTime.toEpochMilli() - firstEvent.toEpochMilli()) * 1_000_000.0;
        long due = firstNanos + (long) (eventNanos / speed.factor().get());
        long wait = due - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }
}
