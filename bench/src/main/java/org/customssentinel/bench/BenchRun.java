package org.customssentinel.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.customssentinel.streams.app.SentinelStreams;

/**
 * What every stage of one bench run shares: the local stack's addresses, a work directory, rounds, the console, and
 * when the run started (progress lines say how long in it is), the options of every JVM it starts, and the client
 * properties every streams app gets ({@code bench --client}), baselines included, so ratios compare like with like;
 * {@code steadyAfter}: the share of its input an app commits after it runs before its steady rate is timed.
 */
record BenchRun(String bootstrap, String registry, Path work, int rounds, int warmup, int threads, double steadyAfter, PrintWriter out, PrintWriter progress,
                long startedNanos, List<String> childJvmOptions, Map<String, String> streamsClients) {

    /** Every child JVM's options, then {@code extra}. */
    List<String> jvm(String... extra) {
        List<String> options = new ArrayList<>(childJvmOptions);
        options.addAll(List.of(extra));
        return options;
    }

    /**
     * The arguments of {@code bench-app KIND} on this run's stack, with its own state directory under the work
     * directory, then {@code extra}.
     */
    List<String> benchApp(BenchAppCommand.Kind kind, String applicationId, long count, String... extra) {
        List<String> args = new ArrayList<>(List.of("bench-app", kind.name(), "--bootstrap-servers", bootstrap, "--schema-registry-url", registry,
                "--application-id", applicationId, "--state-dir", work.resolve(applicationId).toString(), "--count", String.valueOf(count),
                "--threads", String.valueOf(threads), "--steady-after", String.valueOf(steadyAfter)));
        streamsClients.forEach((key, value) -> args.addAll(List.of("--client", key + "=" + value)));
        args.addAll(List.of(extra));
        return args;
    }

    /** The streams apps' commit interval: {@code --client commit.interval.ms}, or the app's own under exactly-once. */
    long commitIntervalMs() {
        return commitIntervalMs(streamsClients);
    }

    /** @throws IllegalArgumentException when {@code commit.interval.ms} is set to something not a number of milliseconds */
    static long commitIntervalMs(Map<String, String> streamsClients) {
        String configured = streamsClients.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        if (configured == null) {
            return SentinelStreams.EXACTLY_ONCE_COMMIT_INTERVAL.toMillis();
        }
        if (!configured.trim().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--client commit.interval.ms must be a number of milliseconds, was '" + configured + "'");
        }
        return Long.parseLong(configured.trim());
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
