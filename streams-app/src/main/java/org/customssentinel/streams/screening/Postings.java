package org.customssentinel.streams.screening;

import java.util.ArrayList;
import java.util.List;

import org.customssentinel.avro.WatchlistEntry;

/**
 * A posting list of the watchlist index: the keys of the entries under one name, identifier or sound, kept in a
 * {@code WatchlistEntry} (the index store's one value type) as its aliases, in order, each once.
 */
final class Postings {

    static final String MARK = "postings";

    private Postings() {
    }

    static List<String> read(WatchlistEntry postings) {
        return postings == null ? List.of() : postings.getAliases();
    }

    static WatchlistEntry with(WatchlistEntry postings, String sourceKey) {
        List<String> keys = new ArrayList<>(read(postings));
        if (!keys.contains(sourceKey)) {
            keys.add(sourceKey);
        }
        return of(keys);
    }

    /** The list without {@code sourceKey}; null when nothing is left, so the key can go. */
    static WatchlistEntry without(WatchlistEntry postings, String sourceKey) {
        List<String> keys = new ArrayList<>(read(postings));
        keys.remove(sourceKey);
        return keys.isEmpty() ? null : of(keys);
    }

    private static WatchlistEntry of(List<String> keys) {
        return WatchlistEntry.newBuilder().setEntryId(MARK).setName("").setAliases(keys).setListId("").setListVersion("").build();
    }
}
