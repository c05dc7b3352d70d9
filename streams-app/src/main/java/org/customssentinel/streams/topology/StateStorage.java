package org.customssentinel.streams.topology;

import java.time.Duration;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Where the topology's stores keep their state. Live: RocksDB, restored from changelogs, larger than memory. An offline
 * replay ({@code sentinel backtest}, or a TopologyTestDriver in tests): in memory, and without changelogs, which nothing
 * restores from there. The stores hold the same keys in the same (byte) order either way.
 */
public enum StateStorage {
    PERSISTENT {
        @Override
        KeyValueBytesStoreSupplier keyValue(String name) {
            return Stores.persistentKeyValueStore(name);
        }

        @Override
        KeyValueBytesStoreSupplier timestampedKeyValue(String name) {
            return Stores.persistentTimestampedKeyValueStore(name);
        }

        @Override
        WindowBytesStoreSupplier window(String name, Duration retention, Duration size) {
            return Stores.persistentWindowStore(name, retention, size, false);
        }
    },
    IN_MEMORY {
        @Override
        KeyValueBytesStoreSupplier keyValue(String name) {
            return Stores.inMemoryKeyValueStore(name);
        }

        @Override
        KeyValueBytesStoreSupplier timestampedKeyValue(String name) {
            return Stores.inMemoryKeyValueStore(name);
        }

        @Override
        WindowBytesStoreSupplier window(String name, Duration retention, Duration size) {
            return Stores.inMemoryWindowStore(name, retention, size, false);
        }
    };

    /** {@code builder} as it is live; offline, without its changelog. */
    <S extends StateStore> StoreBuilder<S> changelog(StoreBuilder<S> builder) {
        return this == PERSISTENT ? builder : builder.withLoggingDisabled();
    }

    abstract KeyValueBytesStoreSupplier keyValue(String name);

    abstract KeyValueBytesStoreSupplier timestampedKeyValue(String name);

    abstract WindowBytesStoreSupplier window(String name, Duration retention, Duration size);
}
