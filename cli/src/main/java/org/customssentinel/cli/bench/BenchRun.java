package org.customssentinel.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What every stage of one bench run shares: the local stack's addresses, a work directory, rounds, the console. */
record BenchRun(String bootstrap, String registry, Path work, int rounds, int warmup, int threads, PrintWriter out, PrintWriter progress) {

    String roundName(int round) {
        return round <= warmup ? "warm-up " + round : "round " + (round - warmup);
    }

    /** A line about what the bench is doing (stderr): the figures themselves go to stdout. */
    void progress(String format, Object... args) {
        progress.println("bench: " + String.format(Locale.ROOT, format, args));
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
