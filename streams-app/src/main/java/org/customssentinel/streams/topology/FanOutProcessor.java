package org.customssentinel.streams.topology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.TierValue;
import org.customssentinel.avro.internal.TraderActivity;
import org.customssentinel.schemas.declaration.HsCode;
import org.customssentinel.streams.detect.CountedDeclaration;
import org.customssentinel.streams.detect.DeclarationRule;
import org.customssentinel.streams.detect.ExporterKeys;
import org.customssentinel.streams.detect.RuleEdition;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.enrich.ListReferences;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.memory.LruMap;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per input partition: turns each enriched declaration (on time: the {@link LatenessGate} has let it through) into one
 * contribution per trade flow it touches, one per transshipment route its controlled goods take, and its exporter's
 * activity (NEW_TRADER), and judges it by the declaration rules (WATCHLIST_HIT); routes and activities only while
 * their rules are judged.
 */
final class FanOutProcessor implements Processor<String, EnrichedDeclaration, String, SpecificRecord> {

    private final FlowDimensions dimensions;
    private final RulesInForce rules;
    /** As they stood when the declaration being fanned out arrived. */
    private RuleEdition edition;
    /**
     * The earliest declaration time this task has sent per exporter. A declaration without controlled goods for a
     * restricted destination tells the exporter's record only its first-seen time, so it is sent only when it is
     * earlier than what was sent: most declarations are not sent at all. One in a window past the first period that
     * time bounds is not sent either, controlled goods or not. Lost on restart (then sent again, which changes
     * nothing: first-seen is a minimum).
     */
    private final Map<String, Long> sentFirstSeen = new LruMap<>(SENT_FIRST_SEEN_CAPACITY);
    private static final int SENT_FIRST_SEEN_CAPACITY = 100_000;
    private final SentinelMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;

    FanOutProcessor(FlowDimensions dimensions, RulesInForce rules, SentinelMetrics metrics) {
        this.dimensions = dimensions;
        this.rules = rules;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        // A task revived after an aborted transaction starts here again: what it "sent" may not have been written.
        sentFirstSeen.clear();
    }

    @Override
    public void process(Record<String, EnrichedDeclaration> record) {
        EnrichedDeclaration enriched = record.value();
        edition = rules.current();
        Map<String, FlowContribution> contributions = contributions(enriched);
        for (Map.Entry<String, FlowContribution> flow : contributions.entrySet()) {
            FlowEvent event = FlowEvent.newBuilder().setContribution(flow.getValue()).build();
            context.forward(record.withKey(flow.getKey()).withValue((SpecificRecord) event), Nodes.ADD_UP_CONTRIBUTIONS);
        }
        Optional<TraderActivity> exporter = edition.book().newTrader() == null ? Optional.empty() : trader(enriched);
        exporter.ifPresent(activity -> context.forward(record.withKey(activity.getExporterKey())
                .withValue((SpecificRecord) FlowEvent.newBuilder().setTrader(activity).build()), Nodes.ADD_UP_CONTRIBUTIONS));
        // The first contribution is the first item's flow: declaration rules file their alerts there.
        Map.Entry<String, FlowContribution> first = contributions.entrySet().iterator().next();
        CountedDeclaration counted = new CountedDeclaration(enriched, FlowKeys.flow(first.getKey()), first.getValue().getGoodsDescription());
        for (DeclarationRule rule : edition.book().declarationRules()) {
            for (Alert alert : rule.judge(counted)) {
                edition.stamp(alert, rule.settingsUsed());
                metrics.alertRaised(alert, record.headers());
                context.forward(record.withKey(alert.getAlertId()).withValue((SpecificRecord) alert), Nodes.WATCHLIST_ALERTS_SINK);
            }
        }
    }

    /** One contribution per flow: a declaration's items on the same flow add up. */
    private Map<String, FlowContribution> contributions(EnrichedDeclaration enriched) {
        Declaration d = enriched.getDeclaration();
        Map<String, FlowContribution.Builder> flows = new LinkedHashMap<>();
        // Routes after every flow: the first contribution stays the first item's flow.
        Map<String, FlowContribution.Builder> routesTaken = new LinkedHashMap<>();
        boolean onRoute = !edition.book().routeRules().isEmpty()
                && edition.settings().sanctions().isRoute(d.getCountryOfOrigin(), d.getCountryOfDispatch(), d.getCountryOfDestination());
        for (int i = 0; i < d.getItems().size(); i++) {
            GoodsItem item = d.getItems().get(i);
            EnrichedItem classified = enriched.getItems().get(i);
            add(flows.computeIfAbsent(dimensions.keyOf(d, item), k -> empty(d, item)), item, classified);
            if (onRoute && listed(classified)) {
                String hs6 = new HsCode(item.getHsCode()).hs6();
                String route = FlowKeys.route(d.getCountryOfOrigin(), d.getCountryOfDispatch(), d.getCountryOfDestination(), hs6);
                add(routesTaken.computeIfAbsent(route, k -> empty(d, item)), item, classified);
            }
        }
        Map<String, FlowContribution> built = new LinkedHashMap<>();
        flows.forEach((key, builder) -> built.put(key, builder.build()));
        routesTaken.forEach((key, builder) -> built.put(key, builder.build()));
        return built;
    }

    /** The exporter's activity, when its record needs it: controlled goods to a restricted destination, or an earlier first-seen. */
    private Optional<TraderActivity> trader(EnrichedDeclaration enriched) {
        Declaration d = enriched.getDeclaration();
        Optional<String> key = ExporterKeys.of(d.getExporter());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<TierValue> tiers = new ArrayList<>();
        if (edition.settings().sanctions().isRestricted(d.getCountryOfDestination())) {
            for (int i = 0; i < d.getItems().size(); i++) {
                GoodsItem item = d.getItems().get(i);
                for (ClassificationMatch match : enriched.getItems().get(i).getMatches()) {
                    if (ListReferences.isControlled(match)) {
                        addTier(tiers, match, dimensions.keyOf(d, item), item.getValueUsd());
                    }
                }
            }
        }
        long lodged = d.getLodgedAt().toEpochMilli();
        Long sent = sentFirstSeen.get(key.get());
        // Nothing new of its first-seen time, and either nothing for its period or a window past the period this task
        // already knows it had (its true first period ends no later): the exporter's record would not change.
        if (sent != null && sent <= lodged && (tiers.isEmpty() || edition.book().newTrader().pastFirstPeriod(sent, lodged))) {
            return Optional.empty();
        }
        if (sent == null || lodged < sent) {
            sentFirstSeen.put(key.get(), lodged);
        }
        return Optional.of(TraderActivity.newBuilder().setExporterKey(key.get()).setExporterName(d.getExporter().getName())
                .setDeclarationId(d.getDeclarationId()).setLodgedAt(d.getLodgedAt()).setTiers(tiers).build());
    }

    /** An item's value into its tier's; an item on several entries of one tier counts once. */
    private static void addTier(List<TierValue> tiers, ClassificationMatch match, String flowKey, BigDecimal value) {
        ListReference list = ListReferences.of(match);
        for (TierValue tier : tiers) {
            if (tier.getList().getListId().equals(list.getListId()) && tier.getList().getCategory().equals(list.getCategory())) {
                tier.setValueUsd(tier.getValueUsd().add(value));
                if (flowKey.compareTo(tier.getFlowKey()) < 0) {
                    tier.setFlowKey(flowKey);
                    tier.setGoodsDescription(match.getDescription());
                }
                return;
            }
        }
        tiers.add(TierValue.newBuilder().setList(list).setFlowKey(flowKey).setGoodsDescription(match.getDescription()).setValueUsd(value).build());
    }

    private static boolean listed(EnrichedItem classified) {
        return classified.getMatches().stream().anyMatch(ListReferences::isControlled);
    }

    private static FlowContribution.Builder empty(Declaration d, GoodsItem item) {
        return FlowContribution.newBuilder()
                .setDeclarationId(d.getDeclarationId()).setLodgedAt(d.getLodgedAt())
                .setExporter(d.getExporter().getName())
                .setValueUsd(BigDecimal.ZERO.setScale(2)).setNetMassKg(BigDecimal.ZERO.setScale(3)).setItemCount(0)
                .setControlled(false).setLists(new ArrayList<>()).setGoodsDescription(item.getDescription());
    }

    /** One item into its flow's (or route's) contribution. */
    private static void add(FlowContribution.Builder flow, GoodsItem item, EnrichedItem classified) {
        flow.setValueUsd(flow.getValueUsd().add(item.getValueUsd()));
        flow.setNetMassKg(flow.getNetMassKg().add(item.getNetMassKg()));
        flow.setItemCount(flow.getItemCount() + 1);
        for (ClassificationMatch match : classified.getMatches()) {
            ListReference list = ListReferences.of(match);
            if (!flow.getLists().contains(list)) {
                flow.getLists().add(list);
            }
        }
        flow.setControlled(ListReferences.anyControlled(flow.getLists()));
        if (!classified.getMatches().isEmpty()) {
            flow.setGoodsDescription(classified.getMatches().get(0).getDescription());
        }
    }
}
