package org.customssentinel.streams.traders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.TierActivity;
import org.customssentinel.avro.internal.TierValue;
import org.customssentinel.avro.internal.TierWindow;
import org.customssentinel.avro.internal.TraderActivity;
import org.customssentinel.avro.internal.TraderLedger;
import org.customssentinel.streams.detect.DetectorClock;
import org.customssentinel.streams.detect.NewTraderRule;
import org.customssentinel.streams.detect.RuleEdition;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.detect.Samples;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.memory.WriteThroughStore;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.topology.TopologyStores;

/**
 * Per exporter partition, the bookkeeping of NEW_TRADER: each exporter's first declaration time and, during its first
 * period, its controlled goods to restricted destinations per list tier and window; the period closed once every
 * input partition's watermark has passed its end plus grace, as flow windows are. What fires is {@link NewTraderRule}'s
 * business. An exporter's record stays after its period (a small one: name and first-seen), so it is never new again.
 */
public final class NewTraderProcessor implements Processor<String, FlowEvent, String, Alert> {

    private final WindowSettings windows;
    private final RulesInForce rules;
    /** As it stood when the record being processed arrived (see {@link org.customssentinel.streams.detect.DetectProcessor}). */
    private RuleEdition edition;
    private NewTraderRule rule;
    private final int inputPartitions;
    private final SentinelMetrics metrics;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, TraderLedger> ledgers;
    private KeyValueStore<String, String> closing;
    private DetectorClock clock;

    public NewTraderProcessor(WindowSettings windows, RulesInForce rules, int inputPartitions, SentinelMetrics metrics) {
        this.windows = windows;
        this.rules = rules;
        this.inputPartitions = inputPartitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.ledgers = context.getStateStore(TopologyStores.TRADER_LEDGER);
        this.closing = context.getStateStore(TopologyStores.TRADER_CLOSING);
        this.clock = new DetectorClock(new WriteThroughStore<>(context.getStateStore(TopologyStores.TRADER_CLOCK), Integer.MAX_VALUE), inputPartitions, windows);
    }

    @Override
    public void process(Record<String, FlowEvent> record) {
        FlowEvent event = record.value();
        edition = rules.current();
        rule = edition.book().newTrader();
        if (event.getWatermark() != null) {
            clock.advance(event.getWatermark());
            closeUpTo(clock.watermark(), record.headers());
        } else if (event.getTrader() != null) {
            add(event.getTrader(), record);
        }
    }

    private void add(TraderActivity activity, Record<String, FlowEvent> record) {
        String key = activity.getExporterKey();
        TraderLedger ledger = ledgers.get(key);
        if (ledger == null) {
            ledger = TraderLedger.newBuilder().setName(activity.getExporterName()).setFirstSeen(activity.getLodgedAt())
                    .setTiers(new HashMap<>()).setProvisionalTiers(new ArrayList<>()).build();
            closing.put(FlowKeys.windowKey(rule.periodEnd(ledger), key), key);
        } else if (ledger.getClosed()) {
            return;
        } else if (activity.getLodgedAt().isBefore(ledger.getFirstSeen())) {
            movePeriod(key, ledger, activity);
        }
        long start = windows.startOf(activity.getLodgedAt().toEpochMilli());
        if (start < rule.periodEnd(ledger)) {
            for (TierValue value : activity.getTiers()) {
                TierActivity tier = ledger.getTiers().computeIfAbsent(NewTraderRule.tierKey(value.getList()),
                        k -> TierActivity.newBuilder().setList(value.getList()).setWindows(new ArrayList<>()).build());
                addTo(tier, start, value, activity.getDeclarationId());
            }
        }
        if (eligible(ledger) && periodStartFinal(ledger)) {
            provisional(key, ledger, record.timestamp(), record.headers());
        }
        ledgers.put(key, ledger);
    }

    /**
     * An earlier declaration, from a slower input partition within grace: the exporter's period starts earlier, and
     * windows past its new end no longer count.
     */
    private void movePeriod(String key, TraderLedger ledger, TraderActivity earlier) {
        long oldEnd = rule.periodEnd(ledger);
        ledger.setFirstSeen(earlier.getLodgedAt());
        ledger.setName(earlier.getExporterName());
        long newEnd = rule.periodEnd(ledger);
        if (newEnd != oldEnd) {
            closing.delete(FlowKeys.windowKey(oldEnd, key));
            closing.put(FlowKeys.windowKey(newEnd, key), key);
            for (TierActivity tier : ledger.getTiers().values()) {
                tier.setWindows(new ArrayList<>(tier.getWindows().stream().filter(w -> w.getWindowStart().toEpochMilli() < newEnd).toList()));
            }
        }
    }

    private static void addTo(TierActivity tier, long windowStart, TierValue value, String declarationId) {
        TierWindow window = tier.getWindows().stream().filter(w -> w.getWindowStart().toEpochMilli() == windowStart).findFirst().orElse(null);
        if (window == null) {
            window = TierWindow.newBuilder().setWindowStart(Instant.ofEpochMilli(windowStart)).setValueUsd(BigDecimal.ZERO.setScale(2))
                    .setFlowKey(value.getFlowKey()).setGoodsDescription(value.getGoodsDescription()).setSampleDeclarationIds(new ArrayList<>())
                    .build();
            tier.getWindows().add(window);
            tier.getWindows().sort((a, b) -> a.getWindowStart().compareTo(b.getWindowStart()));
        }
        window.setValueUsd(window.getValueUsd().add(value.getValueUsd()));
        window.setDeclarationCount(window.getDeclarationCount() + 1);
        if (value.getFlowKey().compareTo(window.getFlowKey()) < 0) {
            window.setFlowKey(value.getFlowKey());
            window.setGoodsDescription(value.getGoodsDescription());
        }
        window.setSampleDeclarationIds(Samples.with(window.getSampleDeclarationIds(), declarationId));
    }

    /** Each tier's PROVISIONAL, the first time its running value reaches the floor; tiers in name order. */
    private void provisional(String key, TraderLedger ledger, long timestamp, Headers headers) {
        for (Map.Entry<String, TierActivity> tier : new TreeMap<>(ledger.getTiers()).entrySet()) {
            if (ledger.getProvisionalTiers().contains(tier.getKey())) {
                continue;
            }
            rule.whileOpen(key, ledger, tier.getValue()).ifPresent(alert -> {
                ledger.getProvisionalTiers().add(tier.getKey());
                forward(alert, timestamp, headers);
            });
        }
    }

    private void closeUpTo(long watermark, Headers headers) {
        // Periods end on window boundaries: one closes once the watermark has passed its end plus grace, as a window does.
        long lastEnd = clock.closeThrough(watermark, windows.grace().toMillis());
        if (lastEnd == Long.MIN_VALUE) {
            return;
        }
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = closing.range("", FlowKeys.windowKeyUpTo(lastEnd))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<String, String> entry : due) {
            TraderLedger ledger = ledgers.get(entry.value);
            if (ledger != null && !ledger.getClosed()) {
                close(entry.value, ledger, rule.periodEnd(ledger), headers);
            }
            closing.delete(entry.key);
        }
    }

    private void close(String key, TraderLedger ledger, long end, Headers headers) {
        if (eligible(ledger)) {
            for (TierActivity tier : new TreeMap<>(ledger.getTiers()).values()) {
                rule.whenClosed(key, ledger, tier).ifPresent(alert -> forward(alert, end, headers));
            }
        }
        ledger.setClosed(true);
        ledger.setTiers(new HashMap<>());
        ledger.setProvisionalTiers(new ArrayList<>());
        ledgers.put(key, ledger);
    }

    private void forward(Alert alert, long timestamp, Headers headers) {
        edition.stamp(alert, rule.settingsUsed());
        metrics.alertRaised(alert, headers);
        context.forward(new Record<>(alert.getAlertId(), alert, timestamp, headers));
    }

    /**
     * Warm-up: an exporter is new only if the app had watched a whole period before its first declaration; on a
     * backlog, every exporter of the first months would otherwise be "new".
     */
    private boolean eligible(TraderLedger ledger) {
        return clock.pastWarmUp(rule.periodStart(ledger), rule.periodWindows());
    }

    /** Once every input partition is past the first window's grace, no earlier declaration can move the period. */
    private boolean periodStartFinal(TraderLedger ledger) {
        long watermark = clock.watermark();
        return watermark != Long.MIN_VALUE && watermark >= rule.periodStart(ledger) + windows.grace().toMillis();
    }
}
