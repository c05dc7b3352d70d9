package org.customssentinel.streams.topology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.avro.internal.WindowAccumulator;
import org.customssentinel.avro.internal.WindowTotal;
import org.customssentinel.streams.detect.AlertFactory;
import org.customssentinel.streams.detect.Baseline;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.Thresholds;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per flow partition: adds contributions to their open windows, raises PROVISIONAL alerts the moment a window crosses
 * a threshold, and closes windows in order once every input partition's watermark has passed their end plus grace,
 * then raises FINAL alerts from the final figures, which a replay reproduces exactly.
 */
final class DetectProcessor implements Processor<String, FlowEvent, String, Routed> {

    static final String WINDOWS_STORE = "flow-windows";
    static final String HISTORY_STORE = "flow-history";
    static final String CLOCK_STORE = "detector-clock";
    /** Keys in the clock store: per input partition, its stream time and its earliest counted declaration. */
    private static final String STREAM_TIME_OF = "wm|";
    private static final String FIRST_SEEN_OF = "first-seen|";
    private static final String CLOSED_THROUGH = "closed-through";
    private static final int TOP_PARTIES = 5;
    private static final int SAMPLES = 10;
    /** How often running windows go out to customs.flows.windowed: dashboards need seconds, not every declaration. */
    static final Duration RUNNING_EMIT_INTERVAL = Duration.ofSeconds(1);
    /**
     * Open windows kept as objects per task, beside the store: every contribution reads its window, and reading it
     * from memory saves a deserialization each time. The store holds any beyond.
     */
    private static final int OPEN_WINDOWS_IN_MEMORY = 20_000;

    private final WindowSettings windows;
    private final RuleSettings rules;
    private final int inputPartitions;
    private final SentinelMetrics metrics;
    private ProcessorContext<String, Routed> context;
    private WriteThroughStore<WindowAccumulator> open;
    private KeyValueStore<String, FlowHistory> history;
    private WriteThroughStore<Long> clock;
    /**
     * Open windows changed since the last emit. Held in memory only: after a crash a window's running figures go out
     * again with its next declaration, and its closing figures always go out, so nothing a replay relies on is lost.
     */
    private final Set<String> changed = new LinkedHashSet<>();

    DetectProcessor(WindowSettings windows, RuleSettings rules, int inputPartitions, SentinelMetrics metrics) {
        this.windows = windows;
        this.rules = rules;
        this.inputPartitions = inputPartitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.open = new WriteThroughStore<>(context.getStateStore(WINDOWS_STORE), OPEN_WINDOWS_IN_MEMORY);
        this.history = context.getStateStore(HISTORY_STORE);
        this.clock = new WriteThroughStore<>(context.getStateStore(CLOCK_STORE), Integer.MAX_VALUE);
        context.schedule(RUNNING_EMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> emitChanged());
    }

    /** The running figures of every window changed since the last emit, stamped with the window's start. */
    private void emitChanged() {
        for (String key : changed) {
            WindowAccumulator acc = open.get(key);
            if (acc != null) {
                FlowWindow w = figures(acc);
                long start = w.getWindowStart().toEpochMilli();
                context.forward(new Record<>(FlowKeys.windowedTopicKey(FlowKeys.key(w.getFlow()), start),
                        new Routed(Routed.Destination.FLOWS_WINDOWED, w), start));
            }
        }
        changed.clear();
    }

    @Override
    public void process(Record<String, FlowEvent> record) {
        FlowEvent event = record.value();
        if (event.getWatermark() != null) {
            Watermark watermark = event.getWatermark();
            String key = STREAM_TIME_OF + watermark.getSourcePartition();
            Long known = clock.get(key);
            long time = watermark.getStreamTime().toEpochMilli();
            if (known == null || time > known) {
                clock.put(key, time);
            }
            if (watermark.getFirstSeen() != null) {
                String firstKey = FIRST_SEEN_OF + watermark.getSourcePartition();
                Long firstKnown = clock.get(firstKey);
                long first = watermark.getFirstSeen().toEpochMilli();
                if (firstKnown == null || first < firstKnown) {
                    clock.put(firstKey, first);
                }
            }
            closeUpTo(watermark(), record.headers());
        } else if (event.getContribution() != null) {
            add(record.key(), event.getContribution(), record);
        }
    }

    /** The least stream time over every input partition: no partition can still send anything older. */
    private long watermark() {
        return leastOverInputPartitions(STREAM_TIME_OF);
    }

    /**
     * The earliest declaration counted on any input partition, so the warm-up is the application's, not this flow
     * partition's (which depends on which flows hash here). Final by the time it decides anything: once every
     * partition's stream time has passed a window's grace, nothing earlier can still be counted.
     */
    private long firstSeen() {
        return leastOverInputPartitions(FIRST_SEEN_OF);
    }

    /** The least value of {@code prefix + partition} over every input partition, or Long.MIN_VALUE until all have one. */
    private long leastOverInputPartitions(String prefix) {
        long min = Long.MAX_VALUE;
        for (int p = 0; p < inputPartitions; p++) {
            Long time = clock.get(prefix + p);
            if (time == null) {
                return Long.MIN_VALUE;
            }
            min = Math.min(min, time);
        }
        return min;
    }

    private void add(String flowKey, FlowContribution c, Record<String, FlowEvent> record) {
        long lodged = c.getLodgedAt().toEpochMilli();
        long start = windows.startOf(lodged);
        String key = FlowKeys.windowKey(start, flowKey);
        WindowAccumulator acc = open.get(key);
        if (acc == null) {
            acc = WindowAccumulator.newBuilder()
                    .setWindow(FlowWindow.newBuilder().setFlow(FlowKeys.flow(flowKey)).setWindowStart(Instant.ofEpochMilli(start))
                            .setWindowEnd(Instant.ofEpochMilli(start + windows.sizeMs())).setTotalValueUsd(BigDecimal.ZERO.setScale(2))
                            .setTotalNetMassKg(BigDecimal.ZERO.setScale(3)).setItemCount(0).setDeclarationCount(0).build())
                    .setPartyValues(new HashMap<>()).setLists(new ArrayList<>()).setProvisionalRules(new ArrayList<>())
                    .setGoodsDescription(c.getGoodsDescription()).build();
        }
        FlowWindow w = acc.getWindow();
        w.setTotalValueUsd(w.getTotalValueUsd().add(c.getValueUsd()));
        w.setTotalNetMassKg(w.getTotalNetMassKg().add(c.getNetMassKg()));
        w.setItemCount(w.getItemCount() + c.getItemCount());
        w.setDeclarationCount(w.getDeclarationCount() + 1);
        w.setControlled(w.getControlled() || c.getControlled());
        acc.getPartyValues().merge(c.getExporter(), c.getValueUsd(), BigDecimal::add);
        w.setSampleDeclarationIds(withSample(w.getSampleDeclarationIds(), c.getDeclarationId()));
        boolean newLists = false;
        for (ListReference list : c.getLists()) {
            if (!acc.getLists().contains(list)) {
                acc.getLists().add(list);
                newLists = true;
            }
        }
        if (c.getControlled() && !acc.getGoodsDescription().equals(c.getGoodsDescription())) {
            acc.setGoodsDescription(c.getGoodsDescription());
        }
        Thresholds thresholds = rules.thresholdsFor(acc.getLists());
        if (w.getBaselineValueUsd() == null || newLists) {
            // The baseline changes only when a previous window closes (close() refreshes it then) or when new lists
            // bring their own baseline length.
            setBaseline(w, baseline(flowKey, start, thresholds));
        } else {
            setRatio(w);
        }
        if (previousWindowsClosed(start) && mayFire(w, thresholds)) {
            provisional(acc, baseline(flowKey, start, thresholds), record.timestamp(), record.headers());
        }
        store(key, acc);
        changed.add(key);
    }

    /** Top parties are ranked afresh whenever a window goes out: stored, they would only be written again and again. */
    private void store(String key, WindowAccumulator acc) {
        acc.getWindow().setTopParties(new ArrayList<>());
        open.put(key, acc);
    }

    /**
     * The smallest ids, not the first to arrive: arrival order differs between replays, the set does not. Most ids
     * sort after a full list's last and change nothing, so the list is copied only when one goes in.
     */
    private static List<String> withSample(List<String> samples, String id) {
        int at = Collections.binarySearch(samples, id);
        if (at >= 0 || -at - 1 >= SAMPLES) {
            return samples;
        }
        List<String> updated = new ArrayList<>(samples);
        updated.add(-at - 1, id);
        return updated.size() > SAMPLES ? new ArrayList<>(updated.subList(0, SAMPLES)) : updated;
    }

    /**
     * PROVISIONAL alerts need the baseline's windows closed: while one is still open (within its grace, or waiting for
     * a slower input partition) its total is partial, and a partial baseline would raise alerts the final figures
     * do not bear out. Totals only grow, so with a final baseline a PROVISIONAL is always followed by its FINAL.
     */
    private boolean previousWindowsClosed(long windowStart) {
        Long closedThrough = clock.get(CLOSED_THROUGH);
        return closedThrough != null && closedThrough >= windowStart - windows.sizeMs();
    }

    private void provisional(WindowAccumulator acc, Baseline baseline, long timestamp, Headers headers) {
        FlowWindow w = figures(acc);
        Thresholds thresholds = rules.thresholdsFor(acc.getLists());
        if (!eligible(w.getWindowStart().toEpochMilli(), thresholds)) {
            return;
        }
        for (AlertRule rule : firing(w, baseline, thresholds)) {
            if (!acc.getProvisionalRules().contains(rule.name())) {
                acc.getProvisionalRules().add(rule.name());
                Alert alert = AlertFactory.windowAlert(rule, AlertStatus.PROVISIONAL, w, baseline, acc.getLists(),
                        acc.getGoodsDescription(), thresholds.baselineWindows());
                metrics.alertRaised(alert, headers);
                context.forward(new Record<>(alert.getAlertId(), new Routed(Routed.Destination.ALERTS, alert), timestamp, headers));
            }
        }
    }

    private void closeUpTo(long watermark, Headers headers) {
        if (watermark == Long.MIN_VALUE) {
            return;
        }
        long lastClosable = watermark - windows.sizeMs() - windows.grace().toMillis();
        // Scan only when the watermark has crossed another window boundary since the last scan.
        long closedThrough = windows.startOf(lastClosable);
        Long previous = clock.get(CLOSED_THROUGH);
        if (previous != null && previous >= closedThrough) {
            return;
        }
        clock.put(CLOSED_THROUGH, closedThrough);
        List<KeyValue<String, WindowAccumulator>> closing = new ArrayList<>();
        try (KeyValueIterator<String, WindowAccumulator> due = open.range("", FlowKeys.windowKeyUpTo(lastClosable))) {
            due.forEachRemaining(closing::add);
        }
        for (KeyValue<String, WindowAccumulator> entry : closing) {
            close(entry.value, headers);
            open.delete(entry.key);
            // Its closing figures went out just now; a running emit after them would be older news.
            changed.remove(entry.key);
        }
    }

    /** {@code headers}: the declaration whose watermark closes the window, for the alert latency. */
    private void close(WindowAccumulator acc, Headers headers) {
        FlowWindow w = figures(acc);
        String flowKey = FlowKeys.key(w.getFlow());
        long start = w.getWindowStart().toEpochMilli();
        long end = w.getWindowEnd().toEpochMilli();
        Thresholds thresholds = rules.thresholdsFor(acc.getLists());
        Baseline baseline = baseline(flowKey, start, thresholds);
        setBaseline(w, baseline);
        w.setClosed(true);
        Record<String, Routed> out = new Record<>(flowKey, null, end, headers);
        context.forward(out.withKey(FlowKeys.windowedTopicKey(flowKey, start)).withValue(new Routed(Routed.Destination.FLOWS_WINDOWED, w)));
        if (eligible(start, thresholds)) {
            for (AlertRule rule : firing(w, baseline, thresholds)) {
                Alert alert = AlertFactory.windowAlert(rule, AlertStatus.FINAL, w, baseline, acc.getLists(), acc.getGoodsDescription(),
                        thresholds.baselineWindows());
                metrics.alertRaised(alert, headers);
                context.forward(out.withKey(alert.getAlertId()).withValue(new Routed(Routed.Destination.ALERTS, alert)));
            }
        }
        FlowHistory past = history.get(flowKey);
        if (past == null) {
            past = FlowHistory.newBuilder().setTotals(new ArrayList<>()).setReferenceSum(BigDecimal.ZERO.setScale(2)).build();
        }
        past.getTotals().add(WindowTotal.newBuilder().setWindowStart(w.getWindowStart()).setTotalValueUsd(w.getTotalValueUsd()).build());
        if (rules.surgeReference().isPresent() && inReference(start)) {
            past.setReferenceSum(past.getReferenceSum().add(w.getTotalValueUsd()));
        }
        surge(past, acc, thresholds, out);
        long keepFrom = start - (yearWindows() + rules.surgeWindows() + rules.longestBaseline()) * windows.sizeMs();
        // Avro's arrays cannot remove through an iterator: keep the recent totals in a new list.
        past.setTotals(new ArrayList<>(past.getTotals().stream().filter(t -> t.getWindowStart().toEpochMilli() >= keepFrom).toList()));
        history.put(flowKey, past);
        // The next window may have crossed a threshold while this one was open: with this baseline final, look again.
        String nextKey = FlowKeys.windowKey(end, flowKey);
        WindowAccumulator next = open.get(nextKey);
        if (next != null) {
            Baseline nextBaseline = baseline(flowKey, end, rules.thresholdsFor(next.getLists()));
            setBaseline(next.getWindow(), nextBaseline);
            provisional(next, nextBaseline, end, headers);
            store(nextKey, next);
            // Dashboards see the next window's baseline with the next emit, not only after its next declaration.
            changed.add(nextKey);
        }
    }

    private void surge(FlowHistory past, WindowAccumulator acc, Thresholds thresholds, Record<String, Routed> out) {
        FlowWindow w = acc.getWindow();
        long start = w.getWindowStart().toEpochMilli();
        int m = rules.surgeWindows();
        if (!eligible(start, thresholds) || !(rules.allFlows() || w.getControlled())) {
            return;
        }
        if (past.getLastSurge() != null && start - past.getLastSurge().toEpochMilli() < m * windows.sizeMs()) {
            return;
        }
        Map<Long, BigDecimal> totals = totals(past);
        long spanStart = start - (m - 1) * windows.sizeMs();
        List<BigDecimal> span = new ArrayList<>();
        BigDecimal spanTotal = BigDecimal.ZERO;
        for (int k = 0; k < m; k++) {
            BigDecimal total = totals.getOrDefault(spanStart + k * windows.sizeMs(), BigDecimal.ZERO);
            span.add(total);
            spanTotal = spanTotal.add(total);
        }
        if (spanTotal.compareTo(thresholds.surgeFloorUsd()) < 0) {
            return;
        }
        BigDecimal comparison;
        String name;
        if (rules.surgeReference().isPresent()) {
            long slots = referenceSlots();
            comparison = slots == 0 ? BigDecimal.ZERO
                    : past.getReferenceSum().multiply(BigDecimal.valueOf(m)).divide(BigDecimal.valueOf(slots), 2, RoundingMode.HALF_EVEN);
            name = "the " + rules.surgeReference().get() + " average";
        } else {
            comparison = BigDecimal.ZERO;
            long earlier = spanStart - yearWindows() * windows.sizeMs();
            for (int k = 0; k < m; k++) {
                comparison = comparison.add(totals.getOrDefault(earlier + k * windows.sizeMs(), BigDecimal.ZERO));
            }
            name = "the same weeks a year earlier";
        }
        if (comparison.signum() <= 0 || spanTotal.compareTo(comparison.multiply(BigDecimal.valueOf(thresholds.surgeRatio()))) < 0) {
            return;
        }
        past.setLastSurge(w.getWindowStart());
        Alert alert = AlertFactory.surge(w.getFlow(), Instant.ofEpochMilli(spanStart), w.getWindowEnd(), spanTotal, comparison, name, span, w,
                acc.getLists(), acc.getGoodsDescription(), m);
        metrics.alertRaised(alert, out.headers());
        context.forward(out.withKey(alert.getAlertId()).withValue(new Routed(Routed.Destination.ALERTS, alert)));
    }

    /**
     * The window with its top parties ranked. Ranking sorts every exporter of the window, so it is done when the
     * window goes out, not for every declaration that adds to it.
     */
    private static FlowWindow figures(WindowAccumulator acc) {
        acc.getWindow().setTopParties(AlertFactory.topParties(acc.getPartyValues(), TOP_PARTIES));
        return acc.getWindow();
    }

    /** SPIKE and NEW_CONTROLLED_FLOW as the figures stand. */
    private List<AlertRule> firing(FlowWindow w, Baseline baseline, Thresholds thresholds) {
        List<AlertRule> firing = new ArrayList<>();
        BigDecimal current = w.getTotalValueUsd();
        if (current.compareTo(thresholds.floorUsd()) < 0) {
            return firing;
        }
        BigDecimal median = baseline.median();
        if (median.signum() > 0 && (rules.allFlows() || w.getControlled())
                && current.compareTo(median.multiply(BigDecimal.valueOf(thresholds.spikeRatio()))) >= 0) {
            firing.add(AlertRule.SPIKE);
        }
        if (median.signum() == 0 && w.getControlled()) {
            firing.add(AlertRule.NEW_CONTROLLED_FLOW);
        }
        return firing;
    }

    /** The previous N closed window totals, oldest first; a window without declarations counts as 0. */
    private Baseline baseline(String flowKey, long start, Thresholds thresholds) {
        FlowHistory past = history.get(flowKey);
        Map<Long, BigDecimal> totals = past == null ? Map.of() : totals(past);
        List<BigDecimal> previous = new ArrayList<>();
        for (int k = thresholds.baselineWindows(); k >= 1; k--) {
            previous.add(totals.getOrDefault(start - k * windows.sizeMs(), BigDecimal.ZERO.setScale(2)));
        }
        return new Baseline(previous);
    }

    private static void setBaseline(FlowWindow w, Baseline baseline) {
        w.setBaselineValueUsd(baseline.median().setScale(2, RoundingMode.HALF_EVEN));
        setRatio(w);
    }

    private static void setRatio(FlowWindow w) {
        BigDecimal median = w.getBaselineValueUsd();
        w.setRatio(median.signum() > 0 ? w.getTotalValueUsd().divide(median, 6, RoundingMode.HALF_EVEN).doubleValue() : null);
    }

    /** A cheap look with the window's stored baseline, before the full baseline is fetched for a PROVISIONAL. */
    private static boolean mayFire(FlowWindow w, Thresholds thresholds) {
        BigDecimal median = w.getBaselineValueUsd();
        return w.getTotalValueUsd().compareTo(thresholds.floorUsd()) >= 0
                && (median.signum() == 0 || w.getTotalValueUsd().compareTo(median.multiply(BigDecimal.valueOf(thresholds.spikeRatio()))) >= 0);
    }

    /**
     * Warm-up: nothing fires for windows starting less than N (the flow's) windows after the first declaration the
     * application counted on any input partition.
     */
    private boolean eligible(long windowStart, Thresholds thresholds) {
        long firstSeen = firstSeen();
        return firstSeen != Long.MIN_VALUE && windowStart - windows.startOf(firstSeen) >= thresholds.baselineWindows() * windows.sizeMs();
    }

    private boolean inReference(long windowStart) {
        var period = rules.surgeReference().orElseThrow();
        return windowStart >= windows.startOf(period.from().toEpochMilli()) && windowStart < period.to().toEpochMilli();
    }

    private long referenceSlots() {
        var period = rules.surgeReference().orElseThrow();
        long first = windows.startOf(period.from().toEpochMilli());
        return Math.max(0, (period.to().toEpochMilli() - first + windows.sizeMs() - 1) / windows.sizeMs());
    }

    /** How many windows make the 52 weeks a year-on-year comparison looks back. */
    private long yearWindows() {
        return Math.max(1, Math.round((double) Duration.ofDays(364).toMillis() / windows.sizeMs()));
    }

    private static Map<Long, BigDecimal> totals(FlowHistory past) {
        Map<Long, BigDecimal> totals = new HashMap<>();
        past.getTotals().forEach(t -> totals.put(t.getWindowStart().toEpochMilli(), t.getTotalValueUsd()));
        return totals;
    }
}
