package org.customssentinel.streams.topology;

import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.streams.detect.DetectProcessor;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.enrich.ClassificationIndex;
import org.customssentinel.streams.enrich.EnrichProcessor;
import org.customssentinel.streams.enrich.IndexUpdater;
import org.customssentinel.streams.enrich.ReferenceGeneration;
import org.customssentinel.streams.screening.WatchlistUpdates;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.risk.OpenAlerts;
import org.customssentinel.streams.risk.RiskAssessor;
import org.customssentinel.streams.risk.RiskProcessor;
import org.customssentinel.streams.traders.NewTraderProcessor;

/**
 * The Customs Sentinel topology, a pure function of its settings: build it without starting anything, test it with
 * TopologyTestDriver, or wire the same nodes into the offline replay ({@link #wire}). Every processor, store and sink has an explicit, stable name, so upgrades keep their state.
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
        return build(settings, metrics, registry, InputLanes.live(), StateStorage.PERSISTENT);
    }

    /**
     * {@code lanes}: how declarations map to input partitions; {@code stores}: where state is kept. Other than live and
     * persistent only to replay a file offline.
     */
    public static Topology build(TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry, InputLanes lanes,
                                 StateStorage stores) {
        return build(settings, metrics, registry, lanes, stores, new OpenAlerts());
    }

    /** {@code alerts}: what risk scoring knows of the alerts raised so far, fed by the caller (every instance's alerts). */
    public static Topology build(TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry, InputLanes lanes,
                                 StateStorage where, OpenAlerts alerts) {
        ProcessorApiFirst builder = new ProcessorApiFirst();
        TopologySerdes serdes = new TopologySerdes(settings.serdeConfigs(), registry);
        TopologyStores stores = new TopologyStores(where, serdes);
        wire(TopologyWiring.of(builder.processorApi()), settings, serdes, stores, metrics, lanes, alerts);
        if (settings.job().servesCustoms()) {
            queryStores(builder, settings, serdes, stores);
        }
        return builder.build(optimizations());
    }

    /**
     * The reference data, declarations and detection (every node but the query tables) into {@code wiring}: what the
     * offline replay runs without Kafka Streams, the same nodes as {@link #build}'s.
     */
    public static void wire(TopologyWiring wiring, TopologySettings settings, SentinelMetrics metrics, SchemaRegistryClient registry,
                            InputLanes lanes, StateStorage where, OpenAlerts alerts) {
        TopologySerdes serdes = new TopologySerdes(settings.serdeConfigs(), registry);
        wire(wiring, settings, serdes, new TopologyStores(where, serdes), metrics, lanes, alerts);
    }

    private static void wire(TopologyWiring wiring, TopologySettings settings, TopologySerdes serdes, TopologyStores stores,
                             SentinelMetrics metrics, InputLanes lanes, OpenAlerts alerts) {
        TopologySettings.Topics topics = settings.topics();
        // Shared by the index updaters (global thread) and enrichment (stream threads) of this topology only.
        ReferenceGeneration generation = new ReferenceGeneration();
        Deserializer<HsClassification> hs = serdes.<HsClassification>value().deserializer();
        wiring.globalStore(TopologyStores.global(TopologyStores.HS_INDEX, serdes.<HsClassification>value()),
                "hs-classifications-source-source", Serdes.String().deserializer(), hs, topics.hsClassifications(),
                "hs-classifications-source", () -> new IndexUpdater<>(TopologyStores.HS_INDEX,
                        store -> (key, value) -> ClassificationIndex.apply(store, key, value), generation));
        Deserializer<WatchlistEntry> watchlist = serdes.<WatchlistEntry>value().deserializer();
        wiring.globalStore(stores.watchlistIndex(),
                "watchlist-source-source", Serdes.String().deserializer(), watchlist, topics.watchlist(),
                "watchlist-source", () -> new IndexUpdater<>(TopologyStores.WATCHLIST_INDEX,
                        WatchlistUpdates::new, generation));
        // Shared by the rules topic's reader (global thread) and every processor that judges (stream threads).
        RulesInForce rules = new RulesInForce(settings.rules(), settings.windows(), settings.job().judges());
        Deserializer<RuleSetting> ruleSettings = serdes.<RuleSetting>value().deserializer();
        wiring.globalStore(TopologyStores.global(TopologyStores.RULE_SETTINGS, Serdes.ByteArray()),
                "rules-source-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.rules(),
                "rules-source", () -> new RuleChangeApplier(rules, ruleSettings));

        declarations(wiring, settings, serdes, stores, metrics, lanes, generation, rules, new RiskAssessor(settings.dimensions(),
                settings.windows(), alerts));
        detection(wiring, settings, serdes, stores, metrics, rules);
    }

    /**
     * The DSL's builder with its topology open before the DSL's nodes go in. Sub-topologies are numbered in the order
     * their nodes are added, and task ids (so local state directories) by sub-topology: the Processor API's nodes come
     * first, as the stores they hold always have, and the query tables, which need the DSL, after them.
     */
    private static final class ProcessorApiFirst extends StreamsBuilder {

        Topology processorApi() {
            return topology;
        }
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
     * Per input partition, in its own order: decoded and checked, each id counted once, stream time kept and LATE turned
     * away before anything is enriched, the watermarks out to every flow partition; what is on time enriched, scored,
     * judged by the declaration rules and fanned out to its flows and its exporter. The bench's peer job counts no id
     * and writes no declaration out ({@link TopologyJob#PEER}).
     */
    private static void declarations(TopologyWiring wiring, TopologySettings settings, TopologySerdes serdes, TopologyStores stores,
                                     SentinelMetrics metrics, InputLanes lanes, ReferenceGeneration generation, RulesInForce rules,
                                     RiskAssessor assessor) {
        TopologySettings.Topics topics = settings.topics();
        wiring.source("declarations-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics.declarations());
        boolean customs = settings.job().servesCustoms();
        wiring.processor("decode-declarations", () -> new DecodeProcessor(serdes, metrics, customs), "declarations-source");
        String counted = "decode-declarations";
        if (customs) {
            wiring.processor(Nodes.DROP_DUPLICATES, () -> new DuplicateFilter(serdes, metrics), "decode-declarations");
            counted = Nodes.DROP_DUPLICATES;
        }
        wiring.processor(Nodes.KEEP_EVENT_TIME, () -> new LatenessGate(settings.windows(), metrics, lanes), counted);
        wiring.processor(Nodes.ENRICH, () -> new EnrichProcessor(settings.classificationMode(), generation), Nodes.KEEP_EVENT_TIME);
        if (customs) {
            wiring.sink("enriched-sink", topics.enriched(), Serdes.String().serializer(), serdes.<EnrichedDeclaration>value().serializer(), null,
                    Nodes.ENRICH);
            wiring.processor("assess-risk", () -> new RiskProcessor(rules, assessor), Nodes.ENRICH);
            wiring.sink("risk-sink", topics.risk(), Serdes.String().serializer(), serdes.<DeclarationRisk>value().serializer(), null, "assess-risk");
        }
        wiring.processor("fan-out-flows", () -> new FanOutProcessor(settings.dimensions(), rules, metrics), Nodes.ENRICH);
        String[] rejecting = customs ? new String[] {"decode-declarations", Nodes.DROP_DUPLICATES, Nodes.KEEP_EVENT_TIME}
                : new String[] {"decode-declarations", Nodes.KEEP_EVENT_TIME};
        wiring.sink(Nodes.REJECTED_SINK, topics.rejected(), Serdes.String().serializer(), serdes.<SpecificRecord>value().serializer(), null,
                rejecting);
        wiring.processor(Nodes.ADD_UP_CONTRIBUTIONS, () -> new ContributionBatcher(settings.windows(),
                settings.contributions() == ContributionFormat.SUMMED), Nodes.KEEP_EVENT_TIME, "fan-out-flows");
        wiring.sink(Nodes.FLOW_EVENTS_SINK, topics.flowEvents(), Serdes.String().serializer(), serdes.<FlowEvent>value().serializer(),
                new FlowEventPartitioner(), Nodes.ADD_UP_CONTRIBUTIONS);
        wiring.sink(Nodes.WATCHLIST_ALERTS_SINK, topics.alerts(), Serdes.String().serializer(), serdes.<Alert>value().serializer(), null,
                "fan-out-flows");
        if (customs) {
            wiring.store(stores.seenDeclarations(), Nodes.DROP_DUPLICATES);
        }
        wiring.store(stores.streamTime(), Nodes.KEEP_EVENT_TIME);
        wiring.store(stores.flowEventsCommit(), Nodes.ADD_UP_CONTRIBUTIONS);
    }

    /**
     * Per flow partition: windows, baselines, the window rules, alerts and the windows for dashboards; per exporter
     * partition: first-seen times, first periods, NEW_TRADER. Both read every watermark; each ignores the other's events.
     */
    private static void detection(TopologyWiring wiring, TopologySettings settings, TopologySerdes serdes, TopologyStores stores,
                                  SentinelMetrics metrics, RulesInForce rules) {
        TopologySettings.Topics topics = settings.topics();
        wiring.source("flow-events-source", Serdes.String().deserializer(), serdes.<FlowEvent>value().deserializer(), topics.flowEvents());
        boolean customs = settings.job().servesCustoms();
        wiring.processor("detect-flows", () -> new DetectProcessor(settings.windows(), rules, settings.inputPartitions(), metrics,
                new DetectProcessor.Children(Nodes.ALERTS_SINK, customs ? Nodes.FLOWS_WINDOWED_SINK : null)), "flow-events-source");
        boolean traders = rules.current().book().newTrader() != null;
        if (traders) {
            wiring.processor("judge-new-traders", () -> new NewTraderProcessor(settings.windows(), rules, settings.inputPartitions(), metrics),
                    "flow-events-source");
        }
        wiring.sink(Nodes.ALERTS_SINK, topics.alerts(), Serdes.String().serializer(), serdes.<Alert>value().serializer(), null,
                traders ? new String[] {"detect-flows", "judge-new-traders"} : new String[] {"detect-flows"});
        if (customs) {
            wiring.sink(Nodes.FLOWS_WINDOWED_SINK, topics.flowsWindowed(), Serdes.String().serializer(), serdes.<FlowWindow>value().serializer(),
                    new FlowWindowPartitioner(), "detect-flows");
        }
        wiring.store(stores.flowWindows(), "detect-flows");
        wiring.store(stores.flowHistory(), "detect-flows");
        wiring.store(stores.detectorClock(), "detect-flows");
        if (traders) {
            wiring.store(stores.traderLedger(), "judge-new-traders");
            wiring.store(stores.traderClosing(), "judge-new-traders");
            wiring.store(stores.traderClock(), "judge-new-traders");
        }
    }

    /**
     * What the query API reads: each window's latest figures (partitioned by flow, so a flow's series is on one
     * instance) and each alert's latest status, materialized from the app's own output topics. Without the thread
     * cache: these tables keep no changelog (they restore from their topics), so a cache would save no write, while
     * the risk lanes' one new key per declaration filled it and Kafka Streams evicts only from the store being
     * written, pushing the open windows' state towards write-through.
     */
    private static void queryStores(StreamsBuilder builder, TopologySettings settings, TopologySerdes serdes, TopologyStores stores) {
        TopologySettings.Topics topics = settings.topics();
        Serde<FlowWindow> windowSerde = serdes.value();
        Serde<Alert> alertSerde = serdes.value();
        Serde<DeclarationRisk> riskSerde = serdes.value();
        builder.table(topics.flowsWindowed(), Consumed.with(Serdes.String(), windowSerde).withName("flows-query-source"),
                Materialized.<String, FlowWindow>as(stores.queryTable(TopologyStores.FLOWS_QUERY))
                        .withKeySerde(Serdes.String()).withValueSerde(windowSerde).withCachingDisabled());
        builder.table(topics.alerts(), Consumed.with(Serdes.String(), alertSerde).withName("alerts-query-source"),
                Materialized.<String, Alert>as(stores.queryTable(TopologyStores.ALERTS_QUERY))
                        .withKeySerde(Serdes.String()).withValueSerde(alertSerde).withCachingDisabled());
        // One entry per declaration: worth it live, for GET /api/declarations/{id}/risk; offline nothing queries it and a
        // replay of millions would hold them all in memory.
        if (stores.keepsPerDeclarationTables()) {
            builder.table(topics.risk(), Consumed.with(Serdes.String(), riskSerde).withName("risk-query-source"),
                    Materialized.<String, DeclarationRisk>as(stores.queryTable(TopologyStores.RISK_QUERY))
                            .withKeySerde(Serdes.String()).withValueSerde(riskSerde).withCachingDisabled());
        }
    }

}
