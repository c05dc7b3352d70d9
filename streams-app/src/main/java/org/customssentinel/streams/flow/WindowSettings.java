package org.customssentinel.streams.flow;

import java.time.Duration;

/**
 * Tumbling event-time windows aligned to the epoch, as Kafka's {@code TimeWindows}: a window of {@code size} closes
 * once stream time passes its end plus {@code grace}; records for a closed window are late.
 */
public record WindowSettings(Duration size, Duration grace) {

    public WindowSettings {
        if (size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("window size must be positive, was " + size);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("window grace must not be negative, was " + grace);
        }
    }

    public static WindowSettings weekly() {
        return new WindowSettings(Duration.ofDays(7), Duration.ofDays(1));
    }

    public long sizeMs() {
        return size.toMillis();
    }

    /** Start of the window holding {@code timestamp}. */
    public long startOf(long timestamp) {
        return Math.floorDiv(timestamp, sizeMs()) * sizeMs();
    }

    /** Whether the window starting at {@code windowStart} has closed at stream time {@code streamTime}. */
    public boolean closed(long windowStart, long streamTime) {
        return windowStart + sizeMs() + grace.toMillis() <= streamTime;
    }
}
