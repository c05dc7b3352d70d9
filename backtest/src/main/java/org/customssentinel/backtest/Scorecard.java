package org.customssentinel.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Alert;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * One setting's alerts scored against labelled anomalies.
 *
 * <p>Matching, as documented in docs/backtest.md: an alert is one alert id (its PROVISIONAL and FINAL records are one alert
 * in ops' inbox). It is a true positive when its flow (dispatch, destination, HS-6) is a label's and its window overlaps
 * the label's weeks (from the first window's start to seven days after the last window's start); whatever its rule.
 * Any other alert is a false positive. A label is detected when at least one alert matches it; its delay is the event
 * time from the label's first window to the first record of a matching alert, PROVISIONAL or FINAL.
 *
 * <p>Labels from ops' verdicts ({@code sentinel dispositions export}) change one thing: a DISMISSED label is not a case
 * but a known false positive, and once any label carries a verdict an alert matching no label is unjudged rather than
 * false (ops never looked at it), so precision is over the alerts ops judged.
 *
 * @param unjudged alerts that match no label, when the labels are verdicts
 * @param delays   each case's detection delay, empty when missed; in the order given
 */
public record Scorecard(int alerts, int truePositives, int falsePositives, int unjudged, Map<AnomalyLabel, Optional<Duration>> delays) {

    private static final Duration LABEL_WEEK = Duration.ofDays(7);

    public Scorecard {
        delays = Collections.unmodifiableMap(new LinkedHashMap<>(delays));
    }

    public static Scorecard of(BacktestResult result, List<AnomalyLabel> labels) {
        Duration windowSize = result.setting().flows().windows().size();
        Map<String, FiredAlert> firstRecordById = new LinkedHashMap<>();
        for (FiredAlert fired : result.alerts()) {
            firstRecordById.putIfAbsent(fired.alert().getAlertId(), fired);
        }
        List<AnomalyLabel> cases = labels.stream().filter(AnomalyLabel::isCase).toList();
        List<AnomalyLabel> dismissed = labels.stream().filter(label -> !label.isCase()).toList();
        boolean verdicts = labels.stream().anyMatch(label -> label.verdict() != AnomalyLabel.Verdict.PLANTED);
        Map<AnomalyLabel, Duration> earliest = new HashMap<>();
        int truePositives = 0;
        int falsePositives = 0;
        for (FiredAlert first : firstRecordById.values()) {
            boolean matched = false;
            for (AnomalyLabel label : cases) {
                if (matches(first.alert(), label, windowSize)) {
                    matched = true;
                    Duration delay = Duration.between(start(label), first.firedAt());
                    earliest.merge(label, delay.isNegative() ? Duration.ZERO : delay, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            if (matched) {
                truePositives++;
            } else if (!verdicts || dismissed.stream().anyMatch(label -> matches(first.alert(), label, windowSize))) {
                falsePositives++;
            }
        }
        Map<AnomalyLabel, Optional<Duration>> delays = new LinkedHashMap<>();
        cases.forEach(label -> delays.put(label, Optional.ofNullable(earliest.get(label))));
        return new Scorecard(firstRecordById.size(), truePositives, falsePositives, firstRecordById.size() - truePositives - falsePositives,
                delays);
    }

    static boolean matches(Alert alert, AnomalyLabel label, Duration windowSize) {
        if (!FlowKeys.key(alert.getFlow()).equals(label.flow())) {
            return false;
        }
        Instant windowStart = alert.getWindowStart();
        Instant labelEnd = label.lastWindow().atStartOfDay(ZoneOffset.UTC).toInstant().plus(LABEL_WEEK);
        return windowStart.isBefore(labelEnd) && windowStart.plus(windowSize).isAfter(start(label));
    }

    private static Instant start(AnomalyLabel label) {
        return label.firstWindow().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public int labels() {
        return delays.size();
    }

    public int detected() {
        return (int) delays.values().stream().filter(Optional::isPresent).count();
    }

    public List<AnomalyLabel> missed() {
        return delays.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** True positives among the alerts judged (all of them, but with verdicts); 1 when there are none (nothing raised, nothing wrong). */
    public double precision() {
        int judged = truePositives + falsePositives;
        return judged == 0 ? 1 : truePositives / (double) judged;
    }

    /** Cases ops confirmed that this setting raises no alert for. */
    public List<AnomalyLabel> missedConfirmed() {
        return missed().stream().filter(label -> label.verdict() == AnomalyLabel.Verdict.CONFIRMED).toList();
    }

    /** Labels detected among all labels; 1 when there are none. */
    public double recall() {
        return delays.isEmpty() ? 1 : detected() / (double) delays.size();
    }

    /** The harmonic mean of precision and recall: one figure to rank settings by. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The median detection delay over detected labels, or empty when none was. */
    public Optional<Duration> medianDelay() {
        List<Duration> found = new ArrayList<>(delays.values().stream().flatMap(Optional::stream).sorted().toList());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int middle = found.size() / 2;
        return Optional.of(found.size() % 2 == 1 ? found.get(middle) : found.get(middle - 1).plus(found.get(middle)).dividedBy(2));
    }
}
