package org.customssentinel.producer.publish;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress on a terminal as a redrawn bar; elsewhere (CI, files, pipes) as a log line every few seconds. */
public final class ProgressReports {

    private static final Logger log = LoggerFactory.getLogger(ProgressReports.class);

    private ProgressReports() {
    }

    /** A bar when the JVM has a terminal, log lines otherwise. */
    public static ProgressListener forConsole(String what) {
        return System.console() != null ? new Bar(what, null, System.err, System::nanoTime) : new Lines(what, null, System::nanoTime);
    }

    /**
     * For work that is not ingest (nothing accepted or rejected): the count reported as {@code unit} done, e.g.
     * "backtest [####......] 40%  584,000 declarations  12,900/s  ETA 1:20".
     */
    public static ProgressListener forWork(String what, String unit) {
        return System.console() != null ? new Bar(what, unit, System.err, System::nanoTime) : new Lines(what, unit, System::nanoTime);
    }

    private abstract static class Throttled implements ProgressListener {
        private final long intervalNanos;
        final LongSupplier nanoTime;
        final long started;
        private long last;

        Throttled(Duration interval, LongSupplier nanoTime) {
            this.intervalNanos = interval.toNanos();
            this.nanoTime = nanoTime;
            this.started = nanoTime.getAsLong();
            this.last = started;
        }

        @Override
        public final void onRecord(long accepted, long rejected, double fraction, Instant eventTime) {
            long now = nanoTime.getAsLong();
            if (now - last >= intervalNanos) {
                last = now;
                report(accepted, rejected, fraction, eventTime, (now - started) / 1e9);
            }
        }

        abstract void report(long accepted, long rejected, double fraction, Instant eventTime, double seconds);

        static String eta(double fraction, double seconds) {
            if (fraction <= 0.001) {
                return "--:--";
            }
            long remaining = (long) (seconds / fraction * (1 - fraction));
            return String.format("%d:%02d", remaining / 60, remaining % 60);
        }
    }

    static final class Bar extends Throttled {
        private final String what;
        private final String unit;
        private final PrintStream out;

        /** {@code unit}: null for ingest (accepted and rejected records), else what the count counts. */
        Bar(String what, String unit, PrintStream out, LongSupplier nanoTime) {
            super(Duration.ofMillis(200), nanoTime);
            this.what = what;
            this.unit = unit;
            this.out = out;
        }

        @Override
        void report(long accepted, long rejected, double fraction, Instant eventTime, double seconds) {
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            if (unit != null) {
                out.printf("\r%s [%s%s] %3.0f%%  %,d %s  %,.0f/s  ETA %s ", what, "#".repeat(filled), ".".repeat(width - filled),
                        fraction * 100, accepted, unit, accepted / Math.max(seconds, 1e-3), eta(fraction, seconds));
                out.flush();
                return;
            }
            out.printf("\r%s [%s%s] %3.0f%%  %,d ok %,d rejected  %,.0f/s  ETA %s  at %s ", what,
                    "#".repeat(filled), ".".repeat(width - filled), fraction * 100, accepted, rejected,
                    (accepted + rejected) / Math.max(seconds, 1e-3), eta(fraction, seconds),
                    eventTime == null ? "" : eventTime.toString().substring(0, 10));
            out.flush();
        }

        @Override
        public void onEnd() {
            out.print("\r\033[K");
            out.flush();
        }
    }

    static final class Lines extends Throttled {
        private final String what;
        private final String unit;

        Lines(String what, String unit, LongSupplier nanoTime) {
            super(Duration.ofSeconds(5), nanoTime);
            this.what = what;
            this.unit = unit;
        }

        @Override
        void report(long accepted, long rejected, double fraction, Instant eventTime, double seconds) {
            if (unit != null) {
                log.info("{}: {}%, {} {}, {}/s, ETA {}", what, Math.round(fraction * 100), accepted, unit,
                        Math.round(accepted / Math.max(seconds, 1e-3)), eta(fraction, seconds));
                return;
            }
            log.info("{}: {}% read, {} accepted, {} rejected, {}/s, ETA {}, event time {}", what, Math.round(fraction * 100),
                    accepted, rejected, Math.round((accepted + rejected) / Math.max(seconds, 1e-3)), eta(fraction, seconds), eventTime);
        }
    }
}
