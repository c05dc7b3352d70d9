package org.customssentinel.streams.topology;

import java.util.Properties;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.enrich.ClassificationIndex;
import org.customssentinel.streams.enrich.ReferenceGeneration;
import org.customssentinel.streams.enrich.WatchlistIndex;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.risk.OpenAlerts;
import org.customssentinel.streams.risk.RiskAssessor;

/**
 * The Customs Sentinel topology, a pure function of its settings: build it without starting anything, test it with
 * TopologyTestDriver. Every processor, store and sink has an explicit, stable name, so upgrades keep their state.
 */
public final class SentinelTopology {

    private SentinelTopology() {
    }

    /** The topology with metrics nobody reads and a registry client of its own, never closed: for tests and tools. */
    public static Topology build(TopologySettings settings) {
        return build(settings, SentinelMetrics.unexported(), SchemaRegistryClients.fromConfigs(settings.serdeConfigs()));
    }

    /** {@code registry}: every serde's client; the caller closes it once the topology has stopped. */
    public static Topology build(TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry) {
        return build(settings, metrics, registry, InputLanes.live(), StateStores.PERSISTENT);
    }

    /**
     * {@code lanes}: how declarations map to input partitions; {@code stores}: where state is kept. Other than live and
     * persistent only to replay a file offline.
     */
    public static Topology build(TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry, InputLanes lanes,
                                 StateStores stores) {
        return build(settings, metrics, registry, lanes, stores, new OpenAlerts());
    }

    /** {@code alerts}: what risk scoring knows of the alerts raised so far, fed by the caller (every instance's alerts). */
    public static Topology build(TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry, InputLanes lanes,
                                 StateStores where, OpenAlerts alerts) {
        StreamsBuilder builder = new StreamsBuilder();
        TopologySerdes serdes = new TopologySerdes(settings.serdeConfigs(), registry);
        TopologyStores stores = new TopologyStores(where, serdes);
        Serde<HsClassification> hsSerde = serdes.value();
        Serde<WatchlistEntry> watchlistSerde = serdes.value();
        Serde<RejectedRecord> rejectedSerde = serdes.value();
        Serde<EnrichedDeclaration> enrichedSerde = serdes.value();

        TopologySettings.Topics topics = settings.topics();
        // Shared by the index updaters (global thread) and enrichment (stream threads) of this topology only.
        ReferenceGeneration generation = new ReferenceGeneration();
        builder.addGlobalStore(
                TopologyStores.global(TopologyStores.HS_INDEX, hsSerde),
                topics.hsClassifications(),
                Consumed.with(Serdes.String(), hsSerde).withName("hs-classifications-source"),
                () -> new IndexUpdater<>(TopologyStores.HS_INDEX, ClassificationIndex::apply, generation));
        builder.addGlobalStore(
                TopologyStores.global(TopologyStores.WATCHLIST_INDEX, watchlistSerde),
                topics.watchlist(),
                Consumed.with(Serdes.String(), watchlistSerde).withName("watchlist-source"),
                () -> new IndexUpdater<>(TopologyStores.WATCHLIST_INDEX, WatchlistIndex::apply, generation));

        // Shared by the rules topic's reader (global thread) and every processor that judges (stream threads).
        RulesInForce rules = new RulesInForce(settings.rules(), settings.windows());
        Deserializer<RuleSetting> ruleSettings = serdes.<RuleSetting>value().deserializer();
        builder.addGlobalStore(
                TopologyStores.global(TopologyStores.RULE_SETTINGS, Serdes.ByteArray()),
                topics.rules(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("rules-source"),
                () -> new RuleChangeApplier(rules, ruleSettings));

        builder.addStateStore(stores.seenDeclarations());
        KStream<String, Decoded> decoded = builder
                .stream(topics.declarations(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("declarations-source"))
                .processValues(() -> new DecodeProcessor(serdes, metrics), Named.as("decode-declarations"))
                .processValues(() -> new DuplicateFilter(serdes, metrics), Named.as("drop-duplicate-declarations"), TopologyStores.SEEN_DECLARATIONS);
        decoded.split(Named.as("decoded-"))
                .branch((id, value) -> value.isRejected(), Branched.<String, Decoded>withConsumer(rejected -> rejected
                        .mapValues(Decoded::rejected, Named.as("rejected-value"))
                        .to(topics.rejected(), Produced.with(Serdes.String(), rejectedSerde).withName("rejected-sink")))
                        .withName("rejected"))
                .defaultBranch(Branched.<String, Decoded>withConsumer(valid -> eventTime(builder, settings, serdes, valid, generation,
                        enrichedSerde, rejectedSerde, metrics, lanes, stores, rules, alerts))
                        .withName("valid"));
        detection(builder, settings, serdes, metrics, stores, rules);
        return builder.build(optimizations());
    }

    /**
     * The query tables restore from the topics they read (customs.flows.windowed, customs.alerts) instead of keeping
     * changelogs of their own: the same records written once, not twice. The app runs with the same setting.
     */
    public static Properties optimizations() {
        Properties props = new Properties();
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        return props;
    }

    /**
     * Per input partition, in its own order: stream time kept and LATE turned away before anything is enriched, the
     * watermarks out to every flow partition, what is on time enriched.
     */
    private static void eventTime(StreamsBuilder builder, TopologySettings settings, TopologySerdes serdes, KStream<String, Decoded> valid,
                                  ReferenceGeneration generation, Serde<EnrichedDeclaration> enrichedSerde, Serde<RejectedRecord> rejectedSerde,
                                  SentinelMetrics metrics, InputLanes lanes, TopologyStores stores, RulesInForce rules, OpenAlerts alerts) {
        TopologySettings.Topics topics = settings.topics();
        builder.addStateStore(stores.streamTime());
        Serde<FlowEvent> flowEventSerde = serdes.value();
        valid.process(() -> new LatenessGate(settings.windows(), metrics, lanes), Named.as("keep-event-time"), TopologyStores.STREAM_TIME)
                .split(Named.as("timed-"))
                .branch((key, routed) -> routed.destination() == Routed.Destination.REJECTED, Branched.<String, Routed>withConsumer(late -> late
                        .mapValues(routed -> (RejectedRecord) routed.value(), Named.as("late-value"))
                        .to(topics.rejected(), Produced.with(Serdes.String(), rejectedSerde).withName("late-sink")))
                        .withName("late"))
                .branch((key, routed) -> routed.destination() == Routed.Destination.FLOW_EVENTS, Branched.<String, Routed>withConsumer(marks -> marks
                        .mapValues(routed -> (FlowEvent) routed.value(), Named.as("watermark-value"))
                        .to(topics.flowEvents(), Produced.with(Serdes.String(), flowEventSerde)
                                .withStreamPartitioner(new FlowEventPartitioner()).withName("watermarks-sink")))
                        .withName("watermarks"))
                .defaultBranch(Branched.<String, Routed>withConsumer(onTime -> flows(settings, serdes, onTime
                        .mapValues(routed -> (Declaration) routed.value(), Named.as("on-time-value"))
                        .processValues(() -> new EnrichProcessor(settings.classificationMode(), generation), Named.as("enrich-declarations")),
                        enrichedSerde, metrics, rules, new RiskAssessor(settings.dimensions(), settings.windows(), alerts)))
                        .withName("on-time"));
    }

    /** Enriched declarations out, and fanned out to their trade flows. */
    private static void flows(TopologySettings settings, TopologySerdes serdes, KStream<String, EnrichedDeclaration> enriched,
                              Serde<EnrichedDeclaration> enrichedSerde, SentinelMetrics metrics, RulesInForce rules, RiskAssessor assessor) {
        TopologySettings.Topics topics = settings.topics();
        enriched.to(topics.enriched(), Produced.with(Serdes.String(), enrichedSerde).withName("enriched-sink"));
        enriched.processValues(() -> new RiskProcessor(rules, assessor), Named.as("assess-risk"))
                .to(topics.risk(), Produced.with(Serdes.String(), serdes.<DeclarationRisk>value()).withName("risk-sink"));
        Serde<FlowEvent> flowEventSerde = serdes.value();
        Serde<Alert> alertSerde = serdes.value();
        enriched.process(() -> new FanOutProcessor(settings.dimensions(), rules, metrics), Named.as("fan-out-flows"))
                .split(Named.as("fanned-out-"))
                .branch((key, routed) -> routed.destination() == Routed.Destination.FLOW_EVENTS, Branched.<String, Routed>withConsumer(events -> events
                        .mapValues(routed -> (FlowEvent) routed.value(), Named.as("flow-event-value"))
                        .to(topics.flowEvents(), Produced.with(Serdes.String(), flowEventSerde)
                                .withStreamPartitioner(new FlowEventPartitioner()).withName("flow-events-sink")))
                        .withName("flow-events"))
                .defaultBranch(Branched.<String, Routed>withConsumer(hits -> hits
                        .mapValues(routed -> (Alert) routed.value(), Named.as("watchlist-alert-value"))
                        .to(topics.alerts(), Produced.with(Serdes.String(), alertSerde).withName("watchlist-alerts-sink")))
                        .withName("watchlist-alerts"));
    }

    /** Per trade flow: windows, baselines, rules, alerts, and the windows for dashboards. */
    private static void detection(StreamsBuilder builder, TopologySettings settings, TopologySerdes serdes, SentinelMetrics metrics,
                                  TopologyStores stores, RulesInForce rules) {
        TopologySettings.Topics topics = settings.topics();
        Serde<FlowEvent> flowEventSerde = serdes.value();
        builder.addStateStore(stores.flowWindows());
        builder.addStateStore(stores.flowHistory());
        builder.addStateStore(stores.detectorClock());
        Serde<Alert> alertSerde = serdes.value();
        Serde<FlowWindow> windowSerde = serdes.value();
        Serde<DeclarationRisk> riskSerde = serdes.value();
        KStream<String, FlowEvent> events = builder.stream(topics.flowEvents(), Consumed.with(Serdes.String(), flowEventSerde)
                .withName("flow-events-source"));
        // Watermarks go to both: flows and exporters close their periods by the same event time.
        newTraders(builder, settings, serdes, events.filter((key, event) -> event.getContribution() == null, Named.as("trader-events")),
                alertSerde, metrics, stores, rules);
        events.filter((key, event) -> event.getTrader() == null, Named.as("flow-contributions"))
                .process(() -> new DetectProcessor(settings.windows(), rules, settings.inputPartitions(), metrics), Named.as("detect-flows"),
                        TopologyStores.FLOW_WINDOWS, TopologyStores.FLOW_HISTORY, TopologyStores.DETECTOR_CLOCK)
                .split(Named.as("detected-"))
                .branch((key, routed) -> routed.destination() == Routed.Destination.ALERTS, Branched.<String, Routed>withConsumer(alerts -> alerts
                        .mapValues(routed -> (Alert) routed.value(), Named.as("alert-value"))
                        .to(topics.alerts(), Produced.with(Serdes.String(), alertSerde).withName("alerts-sink")))
                        .withName("alerts"))
                .defaultBranch(Branched.<String, Routed>withConsumer(windows -> windows
                        .mapValues(routed -> (FlowWindow) routed.value(), Named.as("flow-window-value"))
                        .to(topics.flowsWindowed(), Produced.with(Serdes.String(), windowSerde)
                                .withStreamPartitioner(new FlowWindowPartitioner()).withName("flows-windowed-sink")))
                        .withName("flows-windowed"));
        queryStores(builder, settings, windowSerde, alertSerde, riskSerde, stores);
    }

    /** Per exporter: first-seen times, first periods, NEW_TRADER alerts. */
    private static void newTraders(StreamsBuilder builder, TopologySettings settings, TopologySerdes serdes, KStream<String, FlowEvent> events,
                                   Serde<Alert> alertSerde, SentinelMetrics metrics, TopologyStores stores, RulesInForce rules) {
        builder.addStateStore(stores.traderLedger());
        builder.addStateStore(stores.traderClosing());
        builder.addStateStore(stores.traderClock());
        events.process(() -> new NewTraderProcessor(settings.windows(), rules, settings.inputPartitions(), metrics),
                        Named.as("judge-new-traders"), TopologyStores.TRADER_LEDGER, TopologyStores.TRADER_CLOSING, TopologyStores.TRADER_CLOCK)
                .to(settings.topics().alerts(), Produced.with(Serdes.String(), alertSerde).withName("new-trader-alerts-sink"));
    }

    /**
     * What the query API reads: each window's latest figures (partitioned by flow, so a flow's series is on one
     * instance) and each alert's latest status, materialized from the app's own output topics.
     */
    private static void queryStores(StreamsBuilder builder, TopologySettings settings, Serde<FlowWindow> windowSerde, Serde<Alert> alertSerde,
                                    Serde<DeclarationRisk> riskSerde, TopologyStores stores) {
        TopologySettings.Topics topics = settings.topics();
        builder.table(topics.flowsWindowed(), Consumed.with(Serdes.String(), windowSerde).withName("flows-query-source"),
                Materialized.<String, FlowWindow>as(stores.queryTable(TopologyStores.FLOWS_QUERY))
                        .withKeySerde(Serdes.String()).withValueSerde(windowSerde));
        builder.table(topics.alerts(), Consumed.with(Serdes.String(), alertSerde).withName("alerts-query-source"),
                Materialized.<String, Alert>as(stores.queryTable(TopologyStores.ALERTS_QUERY))
                        .withKeySerde(Serdes.String()).withValueSerde(alertSerde));
        // One entry per declaration: worth it live, for GET /api/declarations/{id}/risk; offline nothing queries it and a
        // replay of millions would hold them all in memory.
        if (stores.keepsPerDeclarationTables()) {
            builder.table(topics.risk(), Consumed.with(Serdes.String(), riskSerde).withName("risk-query-source"),
                    Materialized.<String, DeclarationRisk>as(stores.queryTable(TopologyStores.RISK_QUERY))
                            .withKeySerde(Serdes.String()).withValueSerde(riskSerde));
        }
    }

}
