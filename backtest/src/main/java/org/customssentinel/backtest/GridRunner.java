package org.customssentinel.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.customssentinel.producer.publish.ProgressListener;

/**
 * Runs several settings over one input, each in a topology of its own, {@code threads} at a time: a setting is one
 * thread's work from start to end, so a grid of twelve keeps two cores busy without them contending.
 */
public final class GridRunner {

    private final OfflinePipeline pipeline;
    private final int threads;

    public GridRunner(OfflinePipeline pipeline, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.pipeline = pipeline;
        this.threads = threads;
    }

    /**
     * The results in the order of {@code settings}, each with the windows of {@code watchedFlows}; {@code progress}
     * hears declarations processed over all settings.
     */
    public List<BacktestResult> run(BacktestInput input, List<BacktestSetting> settings, Set<String> watchedFlows, ProgressListener progress)
            throws InterruptedException {
        double[] fractions = new double[settings.size()];
        long total = (long) input.declarations().size() * settings.size();
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, settings.size())), runnable -> {
            Thread thread = new Thread(runnable, "backtest-setting");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<BacktestResult>> futures = new ArrayList<>();
            for (int i = 0; i < settings.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> pipeline.run(input, settings.get(index), watchedFlows, fraction -> {
                    synchronized (lock) {
                        fractions[index] = fraction;
                        double overall = 0;
                        for (double f : fractions) {
                            overall += f;
                        }
                        overall /= fractions.length;
                        progress.onRecord(Math.round(overall * total), input.rejected(), overall, null);
                    }
                })));
            }
            List<BacktestResult> results = new ArrayList<>();
            for (Future<BacktestResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
            progress.onEnd();
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
