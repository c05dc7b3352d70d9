package org.customssentinel.backtest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.publish.ProgressListener;

/**
 * A whole backtest: the input read once, every setting run over it, each scored against the labels (if any).
 *
 * @param files what was read, as named on the command line
 */
public record BacktestRun(List<String> files, BacktestInput input, int partitions, List<AnomalyLabel> labels, List<ScoredResult> results) {

    public BacktestRun {
        files = List.copyOf(files);
        labels = List.copyOf(labels);
        results = List.copyOf(results);
    }

    /** Runs {@code settings} over {@code input} on {@code threads} threads and scores each against {@code labels}. */
    public static BacktestRun of(List<String> files, BacktestInput input, ReferenceData reference, int partitions, List<BacktestSetting> settings,
                                 List<AnomalyLabel> labels, boolean scored, int threads, ProgressListener progress) throws InterruptedException {
        Set<String> labelledFlows = labels.stream().map(AnomalyLabel::tradeFlow).collect(Collectors.toCollection(TreeSet::new));
        List<BacktestResult> results = new GridRunner(new OfflinePipeline(reference, partitions), threads)
                .run(input, settings, labelledFlows, progress);
        List<ScoredResult> scoredResults = results.stream()
                .map(r -> new ScoredResult(r, scored ? Optional.of(Scorecard.of(r, labels)) : Optional.<Scorecard>empty())).toList();
        return new BacktestRun(files, input, partitions, labels, scoredResults);
    }
}
