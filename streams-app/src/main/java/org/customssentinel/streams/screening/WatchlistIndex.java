package org.customssentinel.streams.enrich;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;

/**
 * Watchlist entries laid out for name lookup: {@code n|<normalized name or alias>|<entry key>} per name,
 * {@code e|<entry key>} for the entry itself, so an update or deletion can remove the names it had, and
 * {@code v|<list>} for each list's newest version.
 */
public final class WatchlistIndex {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, WatchlistEntry> store;

    public WatchlistIndex(ReadOnlyKeyValueStore<String, WatchlistEntry> store) {
        this.store = store;
    }

    /** Applies one record of the watchlist topic (key {@code list:entry}, null value to delete). */
    public static void apply(KeyValueStore<String, WatchlistEntry> store, String sourceKey, WatchlistEntry entry) {
        WatchlistEntry previous = store.get("e|" + sourceKey);
        if (previous != null) {
            names(previous).forEach(name -> store.delete("n|" + name + "|" + sourceKey));
        }
        if (entry == null) {
            store.delete("e|" + sourceKey);
            return;
        }
        store.put("e|" + sourceKey, entry);
        names(entry).forEach(name -> store.put("n|" + name + "|" + sourceKey, entry));
        WatchlistEntry newest = store.get("v|" + entry.getListId());
        if (newest == null || newest.getListVersion().compareTo(entry.getListVersion()) < 0) {
            store.put("v|" + entry.getListId(), entry);
        }
    }

    /** The entries whose name or an alias equals this party's name once both are normalized. */
    public List<PartyMatch> matches(PartyRole role, String partyName) {
        String name = PartyNames.normalize(partyName);
        List<PartyMatch> matches = new ArrayList<>();
        if (name.isEmpty()) {
            return matches;
        }
        try (KeyValueIterator<String, WatchlistEntry> entries = store.prefixScan("n|" + name + "|", KEYS)) {
            while (entries.hasNext()) {
                WatchlistEntry entry = entries.next().value;
                String matched = PartyNames.normalize(entry.getName()).equals(name) ? entry.getName()
                        : entry.getAliases().stream().filter(a -> PartyNames.normalize(a).equals(name)).findFirst().orElse(entry.getName());
                matches.add(PartyMatch.newBuilder().setRole(role).setPartyName(partyName).setEntryId(entry.getEntryId())
                        .setMatchedName(matched).setListId(entry.getListId()).setProgram(entry.getProgram()).build());
            }
        }
        return matches;
    }

    /** The newest version of each watchlist loaded. */
    public Map<String, String> versions() {
        Map<String, String> versions = new TreeMap<>();
        try (KeyValueIterator<String, WatchlistEntry> lists = store.prefixScan("v|", KEYS)) {
            while (lists.hasNext()) {
                WatchlistEntry newest = lists.next().value;
                versions.put(newest.getListId(), newest.getListVersion());
            }
        }
        return versions;
    }

    private static Set<String> names(WatchlistEntry entry) {
        Set<String> names = new LinkedHashSet<>();
        names.add(PartyNames.normalize(entry.getName()));
        entry.getAliases().forEach(alias -> names.add(PartyNames.normalize(alias)));
        names.remove("");
        return names;
    }
}
