package org.customssentinel.streams.topology;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.TraderLedger;
import org.customssentinel.avro.internal.WindowAccumulator;

/**
 * Every state store of the topology: its name and how it is built. A store's name names its changelog topic and its
 * directory, so a name never changes once released (an upgrade would start that state from nothing).
 */
public final class TopologyStores {

    /** Reference data on every instance (global): classifications in memory, the watchlist index in RocksDB. */
    public static final String HS_INDEX = "hs-classification-index";
    public static final String WATCHLIST_INDEX = "watchlist-index";
    /** customs.reference.rules as read: setting to its latest accepted change (global). */
    public static final String RULE_SETTINGS = "rule-settings";

    /** Declaration ids already counted, per input partition ({@link DuplicateFilter}). */
    public static final String SEEN_DECLARATIONS = "seen-declarations";
    /**
     * Each input partition's stream time ({@link LatenessGate}); named from when the fan-out kept this bookkeeping, so
     * that running apps keep their state.
     */
    public static final String STREAM_TIME = "fan-out-stream-time";
    /** Open windows of flows and routes, keyed by window start then flow ({@link org.customssentinel.streams.detect.DetectProcessor}). */
    public static final String FLOW_WINDOWS = "flow-windows";
    /** Holds nothing: the contributions' batcher's call before each commit ({@link CommitPoint}). */
    public static final String FLOW_EVENTS_COMMIT = "flow-events-commit";
    /** Each flow's closed totals and what its rules remember. */
    public static final String FLOW_HISTORY = "flow-history";
    /** Where detection stands on a flow partition ({@link org.customssentinel.streams.detect.DetectorClock}). */
    public static final String DETECTOR_CLOCK = "detector-clock";
    /** Each exporter's first-seen time and first-period activity ({@link org.customssentinel.streams.traders.NewTraderProcessor}). */
    public static final String TRADER_LEDGER = "trader-ledger";
    /** Exporters whose first period is open, keyed by the period's end. */
    public static final String TRADER_CLOSING = "trader-closing";
    /** Watermarks and warm-up of the exporters' partitions, as {@link #DETECTOR_CLOCK} for flows. */
    public static final String TRADER_CLOCK = "trader-clock";

    /** customs.flows.windowed as a table: flow + window start to the window's latest figures. */
    public static final String FLOWS_QUERY = "flows-query";
    /** customs.alerts as a table: alert id to its latest status. */
    public static final String ALERTS_QUERY = "alerts-query";
    /** customs.declarations.risk as a table: declaration id to its lane. */
    public static final String RISK_QUERY = "risk-query";

    private final StateStorage where;
    private final TopologySerdes serdes;

    TopologyStores(StateStorage where, TopologySerdes serdes) {
        this.where = where;
        this.serdes = serdes;
    }

    static <V> StoreBuilder<KeyValueStore<String, V>> global(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withLoggingDisabled();
    }

    /**
     * The watchlist index, global: live in RocksDB, so that a list of hundreds of thousands of names (OpenSanctions')
     * takes disk and a bounded cache rather than the heap (300,000 entries: 276 MiB of heap in memory, none in RocksDB,
     * `sentinel-bench screening`), and a restart reads only what was published since its checkpoint. Offline in
     * memory, as every store there. The store was in memory before layout 2; an app upgraded from then finds no local
     * state and builds the index from the topic.
     */
    StoreBuilder<KeyValueStore<String, WatchlistEntry>> watchlistIndex() {
        return Stores.keyValueStoreBuilder(where.keyValue(WATCHLIST_INDEX), Serdes.String(), serdes.<WatchlistEntry>value())
                .withLoggingDisabled().withCachingDisabled();
    }

    StoreBuilder<WindowStore<String, byte[]>> seenDeclarations() {
        return where.changelog(Stores.windowStoreBuilder(where.window(SEEN_DECLARATIONS, DuplicateFilter.RETENTION, Duration.ofMillis(1)),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled().withLoggingEnabled(Map.of("retention.ms", "-1")));
    }

    StoreBuilder<KeyValueStore<String, Long>> streamTime() {
        return keyValue(STREAM_TIME, Serdes.Long());
    }

    StoreBuilder<CommitPoint> flowEventsCommit() {
        return CommitPoint.builder(FLOW_EVENTS_COMMIT);
    }

    StoreBuilder<KeyValueStore<String, WindowAccumulator>> flowWindows() {
        return keyValue(FLOW_WINDOWS, serdes.value());
    }

    StoreBuilder<KeyValueStore<String, FlowHistory>> flowHistory() {
        return keyValue(FLOW_HISTORY, serdes.value());
    }

    StoreBuilder<KeyValueStore<String, Long>> detectorClock() {
        return keyValue(DETECTOR_CLOCK, Serdes.Long());
    }

    StoreBuilder<KeyValueStore<String, TraderLedger>> traderLedger() {
        return keyValue(TRADER_LEDGER, serdes.value());
    }

    StoreBuilder<KeyValueStore<String, String>> traderClosing() {
        return keyValue(TRADER_CLOSING, Serdes.String());
    }

    StoreBuilder<KeyValueStore<String, Long>> traderClock() {
        return keyValue(TRADER_CLOCK, Serdes.Long());
    }

    /** Where a query table keeps its rows. */
    KeyValueBytesStoreSupplier queryTable(String name) {
        return where.timestampedKeyValue(name);
    }

    /** Whether tables that hold a row per declaration are kept: live yes; offline nothing queries them. */
    boolean keepsPerDeclarationTables() {
        return where == StateStorage.PERSISTENT;
    }

    private <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Serde<V> values) {
        return where.changelog(Stores.keyValueStoreBuilder(where.keyValue(name), Serdes.String(), values).withCachingEnabled());
    }
}
