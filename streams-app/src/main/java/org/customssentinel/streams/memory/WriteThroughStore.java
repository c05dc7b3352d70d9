package org.customssentinel.streams.memory;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.streams.memory.LruMap;

/**
 * A processor's own key-value store with the values it last read or wrote kept as objects: a read costs a map lookup,
 * not a deserialization. Every write still goes to the store (and its changelog) at once, so what a commit covers is
 * exactly what it covered before. Only the owning processor writes the store, so memory cannot fall behind it; a
 * processor builds a new one in {@code init}, which Kafka Streams calls again whenever it rebuilds the task's state.
 * Memory holds the most recently used {@code capacity} values: a store on disk may hold far more than a heap should.
 */
public final class WriteThroughStore<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> values;

    public WriteThroughStore(KeyValueStore<String, V> store, int capacity) {
        this.store = store;
        this.values = new LruMap<>(capacity);
    }

    /** The value, or null; a missing key is looked up in the store each time (new keys are written soon after). */
    public V get(String key) {
        V value = values.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    public void put(String key, V value) {
        store.put(key, value);
        values.put(key, value);
    }

    public void delete(String key) {
        store.delete(key);
        values.remove(key);
    }

    /** Straight from the store: scans are rare (once per closing window boundary). */
    public KeyValueIterator<String, V> range(String from, String to) {
        return store.range(from, to);
    }
}
