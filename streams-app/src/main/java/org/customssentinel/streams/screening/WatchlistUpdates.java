package org.customssentinel.streams.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.streams.enrich.IndexUpdater;

/** Keeps a store's {@link WatchlistIndex} in step with the watchlist topic, and upgrades a store of an older layout. */
public final class WatchlistUpdates implements IndexUpdater.Index<WatchlistEntry> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, WatchlistEntry> store;
    private final WatchlistIndex index;
    private final Map<String, String> newestVersions = new java.util.HashMap<>();
    private boolean layoutKnown;

    public WatchlistUpdates(KeyValueStore<String, WatchlistEntry> store) {
        this.store = store;
        this.index = new WatchlistIndex(store);
    }

    /** Applies one record of the watchlist topic (key {@code list:entry}, null value to delete). */
    @Override
    public void apply(String sourceKey, WatchlistEntry entry) {
        WatchlistEntry previous = store.get("e|" + sourceKey);
        if (previous != null) {
            for (String key : index.postingsOf(previous)) {
                WatchlistEntry left = Postings.without(store.get(key), sourceKey);
                if (left == null) {
                    store.delete(key);
                } else {
                    store.put(key, left);
                }
            }
        }
        if (entry == null) {
            store.delete("e|" + sourceKey);
            store.delete("p|" + sourceKey);
            return;
        }
        markLayoutIfNew();
        index(sourceKey, entry);
        // A list's entries arrive together: its newest version is read once, not once per entry.
        String newest = newestVersions.computeIfAbsent(entry.getListId(), list -> {
            WatchlistEntry stored = store.get("v|" + list);
            return stored == null ? "" : stored.getListVersion();
        });
        if (newest.compareTo(entry.getListVersion()) < 0) {
            store.put("v|" + entry.getListId(), entry);
            newestVersions.put(entry.getListId(), entry.getListVersion());
        }
    }

    private void index(String sourceKey, WatchlistEntry entry) {
        store.put("e|" + sourceKey, entry);
        store.put("p|" + sourceKey, index.pointer(entry, sourceKey));
        for (String key : index.postingsOf(entry)) {
            store.put(key, Postings.with(store.get(key), sourceKey));
        }
    }

    /**
     * Brings a store written by an older layout to this one in place, from its own e| entries: no replay of the
     * watchlist topic, which a global store does not repeat for records before its checkpoint. Returns how many
     * entries were re-indexed (0 when the store is current or empty).
     */
    @Override
    public int upgrade() {
        WatchlistEntry layout = store.get(WatchlistIndex.LAYOUT_KEY);
        if (layout != null && Integer.parseInt(layout.getListVersion()) >= WatchlistIndex.LAYOUT) {
            return 0;
        }
        List<String> stale = new ArrayList<>();
        Map<String, WatchlistEntry> entries = new TreeMap<>();
        try (KeyValueIterator<String, WatchlistEntry> all = store.all()) {
            while (all.hasNext()) {
                var next = all.next();
                if (next.key.startsWith("e|")) {
                    entries.put(next.key.substring(2), next.value);
                } else if (!next.key.startsWith("v|")) {
                    stale.add(next.key);
                }
            }
        }
        if (entries.isEmpty() && stale.isEmpty()) {
            // An empty store is marked by its first entry: nothing is written (nor a schema registered) before then.
            return 0;
        }
        stale.forEach(store::delete);
        entries.forEach(this::index);
        markLayout();
        layoutKnown = true;
        return entries.size();
    }

    /**
     * A store with no entries yet is written in this layout from its first record on. One that has entries but no
     * layout mark was written by layout 1 (a restore replays records after its checkpoint before {@link #upgrade}
     * runs), so it stays unmarked until the upgrade re-indexes it.
     */
    private void markLayoutIfNew() {
        if (layoutKnown) {
            return;
        }
        if (store.get(WatchlistIndex.LAYOUT_KEY) == null) {
            try (KeyValueIterator<String, WatchlistEntry> entries = store.prefixScan("e|", KEYS)) {
                if (!entries.hasNext()) {
                    markLayout();
                }
            }
        }
        layoutKnown = true;
    }

    private void markLayout() {
        store.put(WatchlistIndex.LAYOUT_KEY, WatchlistEntry.newBuilder().setEntryId("layout").setName("").setListId("")
                .setListVersion(Integer.toString(WatchlistIndex.LAYOUT)).build());
    }
}
