package org.customssentinel.streams.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that drops its least recently used entry beyond {@code capacity}: memory stays bounded over years of data. */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    public LruMap(int capacity) {
        super(Math.min(capacity, 1024), 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
