package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.WindowAccumulator;
import org.customssentinel.avro.internal.WindowContributions;
import org.customssentinel.avro.internal.WindowTotal;
import org.customssentinel.streams.detect.AlertFactory;
import org.customssentinel.streams.detect.Baseline;
import org.customssentinel.streams.detect.ClosedWindow;
import org.customssentinel.streams.detect.OpenWindow;
import org.customssentinel.streams.detect.RuleBook;
import org.customssentinel.streams.detect.RuleEdition;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.detect.Samples;
import org.customssentinel.streams.detect.Thresholds;
import org.customssentinel.streams.detect.WindowRule;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.memory.WriteThroughStore;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.topology.TopologyStores;

/**
 * Per flow partition, the event-time bookkeeping of detection: adds contributions to their open windows, asks the
 * window rules about each change (PROVISIONAL alerts), closes windows in order once every input partition's watermark
 * has passed their end plus grace, keeps each flow's closed totals, and asks the rules about the final figures (FINAL
 * alerts, which a replay reproduces exactly). What fires, and why, is the rules' business ({@link RuleBook}).
 */
public final class DetectProcessor implements Processor<String, FlowEvent, String, SpecificRecord> {

    private static final int TOP_PARTIES = 5;
    /** How often running windows go out to customs.flows.windowed: dashboards need seconds, not every declaration. */
    static final Duration RUNNING_EMIT_INTERVAL = Duration.ofSeconds(1);
    /**
     * Open windows kept as objects per task, beside the store: every contribution reads its window, and reading it
     * from memory saves a deserialization each time. The store holds any beyond.
     */
    private static final int OPEN_WINDOWS_IN_MEMORY = 20_000;
    /**
     * Flows whose history is kept decoded: the window rules read it while a window is open, on every declaration that
     * passes their cheap checks, and decoding it each time was a tenth of an offline replay's time.
     */
    private static final int HISTORIES_IN_MEMORY = 5_000;

    private final WindowSettings windows;
    private final RulesInForce rules;
    /** The rules as they stood when the record being processed arrived: one edition judges all that it sets off. */
    private RuleEdition edition;
    private final int inputPartitions;
    private final SentinelMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private WriteThroughStore<WindowAccumulator> open;
    private WriteThroughStore<FlowHistory> history;
    private DetectorClock clock;
    /**
     * Open windows changed since the last emit. Held in memory only: after a crash a window's running figures go out
     * again with its next declaration, and its closing figures always go out, so nothing a replay relies on is lost.
     */
    private final Set<String> changed = new LinkedHashSet<>();
    private final Children children;

    /**
     * Where it sends what it finds: the names of its children in the topology.
     *
     * @param alerts  alerts, PROVISIONAL and FINAL
     * @param windows each flow window's running and closing figures; null where nobody reads them (the bench's
     *                {@link org.customssentinel.streams.topology.TopologyJob#PEER} job)
     */
    public record Children(String alerts, String windows) {

        boolean sendsWindows() {
            return windows != null;
        }
    }

    public DetectProcessor(WindowSettings windows, RulesInForce rules, int inputPartitions, SentinelMetrics metrics, Children children) {
        this.children = children;
        this.windows = windows;
        this.rules = rules;
        this.inputPartitions = inputPartitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.open = new WriteThroughStore<>(context.getStateStore(TopologyStores.FLOW_WINDOWS), OPEN_WINDOWS_IN_MEMORY);
        this.history = new WriteThroughStore<>(context.getStateStore(TopologyStores.FLOW_HISTORY), HISTORIES_IN_MEMORY);
        this.clock = new DetectorClock(new WriteThroughStore<>(context.getStateStore(TopologyStores.DETECTOR_CLOCK), Integer.MAX_VALUE), inputPartitions, windows);
        context.schedule(RUNNING_EMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> emitChanged());
    }

    /** The running figures of every window changed since the last emit, stamped with the window's start. */
    private void emitChanged() {
        if (!children.sendsWindows()) {
            changed.clear();
            return;
        }
        for (String key : changed) {
            WindowAccumulator acc = open.get(key);
            if (acc != null && !isRoute(acc)) {
                FlowWindow w = figures(acc);
                long start = w.getWindowStart().toEpochMilli();
                context.forward(new Record<String, SpecificRecord>(FlowKeys.windowedTopicKey(FlowKeys.key(w.getFlow()), start), w, start),
                        children.windows());
            }
        }
        changed.clear();
    }

    @Override
    public void process(Record<String, FlowEvent> record) {
        FlowEvent event = record.value();
        edition = rules.current();
        if (event.getWatermark() != null) {
            clock.advance(event.getWatermark());
            closeUpTo(clock.watermark(), record.headers());
        } else if (event.getContribution() != null) {
            add(record.key(), ContributionSums.of(event.getContribution()), record);
        } else if (event.getContributions() != null) {
            add(record.key(), event.getContributions(), record);
        }
    }

    /** One declaration's contribution, or several added up in their input task: the window ends the same either way. */
    private void add(String flowKey, WindowContributions c, Record<String, FlowEvent> record) {
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
        w.setDeclarationCount(w.getDeclarationCount() + c.getDeclarationCount());
        w.setControlled(w.getControlled() || c.getControlled());
        Map<String, BigDecimal> parties = acc.getPartyValues();
        c.getPartyValues().forEach((party, value) -> parties.merge(party, value, BigDecimal::add));
        List<String> samples = w.getSampleDeclarationIds();
        for (String id : c.getSampleDeclarationIds()) {
            samples = Samples.with(samples, id);
        }
        w.setSampleDeclarationIds(samples);
        boolean newLists = ContributionSums.addLists(acc.getLists(), c.getLists());
        String controlledGoods = c.getControlledGoodsDescription();
        if (controlledGoods != null && !acc.getGoodsDescription().equals(controlledGoods)) {
            acc.setGoodsDescription(controlledGoods);
        }
        Thresholds thresholds = edition.settings().thresholdsFor(acc.getLists());
        if (w.getBaselineValueUsd() == null || newLists) {
            // The baseline changes only when a previous window closes (close() refreshes it then) or when new lists
            // bring their own baseline length.
            setBaseline(w, baseline(flowKey, start, thresholds));
        } else {
            setRatio(w);
        }
        if (previousWindowsClosed(start)) {
            provisional(flowKey, acc, record.timestamp(), record.headers());
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
     * PROVISIONAL alerts need the baseline's windows closed: while one is still open (within its grace, or waiting for
     * a slower input partition) its total is partial, and a partial baseline would raise alerts the final figures
     * do not bear out. Totals only grow, so with a final baseline a PROVISIONAL is always followed by its FINAL.
     */
    private boolean previousWindowsClosed(long windowStart) {
        return clock.closedThrough() >= windowStart - windows.sizeMs();
    }

    /** Each window rule's PROVISIONAL alert, the first time the window's running figures raise it. */
    private void provisional(String flowKey, WindowAccumulator acc, long timestamp, Headers headers) {
        FlowWindow w = figures(acc);
        long start = w.getWindowStart().toEpochMilli();
        Thresholds thresholds = edition.settings().thresholdsFor(acc.getLists());
        if (!eligible(start, thresholds)) {
            return;
        }
        OpenWindow judged = new OpenWindow(w, acc.getLists(), acc.getGoodsDescription(), thresholds,
                () -> baseline(flowKey, start, thresholds), () -> pastOf(flowKey));
        for (WindowRule rule : edition.book().rulesFor(flowKey)) {
            if (acc.getProvisionalRules().contains(rule.id())) {
                continue;
            }
            rule.whileOpen(judged).map(alert -> edition.stamp(alert, rule.settingsUsed(thresholds))).ifPresent(alert -> {
                acc.getProvisionalRules().add(rule.id());
                metrics.alertRaised(alert, headers);
                context.forward(new Record<String, SpecificRecord>(alert.getAlertId(), alert, timestamp, headers), children.alerts());
            });
        }
    }

    private void closeUpTo(long watermark, Headers headers) {
        // A window closes once the watermark has passed its end plus grace; it is keyed by its start.
        long lastClosable = clock.closeThrough(watermark, windows.sizeMs() + windows.grace().toMillis());
        if (lastClosable == Long.MIN_VALUE) {
            return;
        }
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
        Thresholds thresholds = edition.settings().thresholdsFor(acc.getLists());
        Baseline baseline = baseline(flowKey, start, thresholds);
        setBaseline(w, baseline);
        w.setClosed(true);
        Record<String, SpecificRecord> out = new Record<>(flowKey, null, end, headers);
        if (!isRoute(acc) && children.sendsWindows()) {
            context.forward(out.withKey(FlowKeys.windowedTopicKey(flowKey, start)).withValue(w), children.windows());
        }
        List<WindowRule> judges = edition.book().rulesFor(flowKey);
        FlowHistory past = pastOf(flowKey);
        past.getTotals().add(WindowTotal.newBuilder().setWindowStart(w.getWindowStart()).setTotalValueUsd(w.getTotalValueUsd()).build());
        ClosedWindow judged = new ClosedWindow(w, acc.getLists(), acc.getGoodsDescription(), thresholds, baseline);
        for (WindowRule rule : judges) {
            rule.remember(judged, past);
        }
        if (eligible(start, thresholds)) {
            for (WindowRule rule : judges) {
                Optional<Alert> alert = rule.whenClosed(judged, past).map(a -> edition.stamp(a, rule.settingsUsed(thresholds)));
                if (alert.isPresent()) {
                    metrics.alertRaised(alert.get(), headers);
                    context.forward(out.withKey(alert.get().getAlertId()).withValue(alert.get()), children.alerts());
                }
            }
        }
        long keepFrom = start - (edition.book().historyWindows() + edition.settings().longestBaseline()) * windows.sizeMs();
        // Avro's arrays cannot remove through an iterator: keep the recent totals in a new list.
        past.setTotals(new ArrayList<>(past.getTotals().stream().filter(t -> t.getWindowStart().toEpochMilli() >= keepFrom).toList()));
        history.put(flowKey, past);
        // The next window may have crossed a threshold while this one was open: with this baseline final, look again.
        String nextKey = FlowKeys.windowKey(end, flowKey);
        WindowAccumulator next = open.get(nextKey);
        if (next != null) {
            setBaseline(next.getWindow(), baseline(flowKey, end, edition.settings().thresholdsFor(next.getLists())));
            provisional(flowKey, next, end, headers);
            store(nextKey, next);
            // Dashboards see the next window's baseline with the next emit, not only after its next declaration.
            changed.add(nextKey);
        }
    }

    /** The flow's history, or an empty one for a flow without closed windows yet. */
    private FlowHistory pastOf(String flowKey) {
        FlowHistory past = history.get(flowKey);
        return past != null ? past
                : FlowHistory.newBuilder().setTotals(new ArrayList<>()).setReferenceSum(BigDecimal.ZERO.setScale(2)).build();
    }

    /**
     * Routes (TRANSSHIPMENT) share the flows' event-time bookkeeping but not customs.flows.windowed: that topic, and
     * the dashboards and query API reading it, are about trade flows.
     */
    private static boolean isRoute(WindowAccumulator acc) {
        return acc.getWindow().getFlow().getOriginCountry() != null;
    }

    /**
     * The window with its top parties ranked. Ranking sorts every exporter of the window, so it is done when the
     * window goes out, not for every declaration that adds to it.
     */
    private static FlowWindow figures(WindowAccumulator acc) {
        acc.getWindow().setTopParties(AlertFactory.topParties(acc.getPartyValues(), TOP_PARTIES));
        return acc.getWindow();
    }

    /** The previous N closed window totals, oldest first; a window without declarations counts as 0. */
    private Baseline baseline(String flowKey, long start, Thresholds thresholds) {
        FlowHistory past = history.get(flowKey);
        Map<Long, BigDecimal> totals = past == null ? Map.of() : Baseline.totalsByStart(past);
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

    /**
     * Warm-up: nothing fires for windows starting less than N (the flow's) windows after the first declaration the
     * application counted on any input partition.
     */
    private boolean eligible(long windowStart, Thresholds thresholds) {
        return clock.pastWarmUp(windowStart, thresholds.baselineWindows());
    }
}
