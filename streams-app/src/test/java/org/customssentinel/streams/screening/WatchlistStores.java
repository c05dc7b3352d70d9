package org.customssentinel.streams.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.customssentinel.avro.WatchlistEntry;

/** Watchlist index stores for tests: in memory, or RocksDB in a directory, as the app's global store is. */
final class WatchlistStores {

    private WatchlistStores() {
    }

    static Serde<WatchlistEntry> serde() {
        return Serdes.serdeFrom((topic, entry) -> {
            try {
                ByteBuffer buffer = entry.toByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            try {
                return WatchlistEntry.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
