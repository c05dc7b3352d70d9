package org.customssentinel.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What every stage of one bench run shares: the local stack's addresses, a work directory, rounds, the console, and
 * when the run started (progress lines say how long in it is), and the options of every JVM it starts.
 */
record BenchRun(String bootstrap, String registry, Path work, int rounds, int warmup, int threads, PrintWriter out, PrintWriter progress,
                long startedNanos, List<String> childJvmOptions) {

    /** Every child JVM's options, then {@code extra}. */
    List<String> jvm(String... extra) {
        List<String> options = new ArrayList<>(childJvmOptions);
        options.addAll(List.of(extra));
        return options;
    }

    String roundName(int round) {
        return round <= warmup ? "warm-up " + round : "round " + (round - warmup);
    }

    /** A line about what the bench is doing (stderr): the figures themselves go to stdout. */
    void progress(String format, Object... args) {
        progress.println(String.format(Locale.ROOT, "bench [%4ds]: ", (System.nanoTime() - startedNanos) / 1_000_000_000L)
                + String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
