package org.customssentinel.streams.screening;

import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.SpecificAvroSerde;

/** Watchlist index stores for tests: in memory, or RocksDB in a directory, as the app's global store is. */
final class WatchlistStores {

    private WatchlistStores() {
    }

    /** The app's serde (Avro in the Confluent wire format), over an in-memory registry of its own. */
    static Serde<WatchlistEntry> serde() {
        SpecificAvroSerde<WatchlistEntry> serde = new SpecificAvroSerde<>();
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://watchlist-index-" + UUID.randomUUID()), false);
        return serde;
    }

    static KeyValueStore<String, WatchlistEntry> inMemory() {
        KeyValueStore<String, WatchlistEntry> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watchlist-index"),
                Serdes.String(), serde()).withLoggingDisabled().withCachingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    static KeyValueStore<String, WatchlistEntry> rocksDb(java.io.File stateDir) {
        KeyValueStore<String, WatchlistEntry> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("watchlist-index"),
                Serdes.String(), serde()).withLoggingDisabled().withCachingDisabled().build();
        java.util.Properties props = new java.util.Properties();
        props.put(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG, stateDir.getAbsolutePath());
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(0, 0), stateDir);
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
