package org.customssentinel.producer.reference;

import java.util.List;

import org.customssentinel.avro.WatchlistEntry;

/**
 * One watchlist as read from its files: its id, its version (the publisher's date where the file carries one), its
 * entries, and where they came from, for the line every command prints of what is in force.
 */
public record Watchlist(String listId, String version, List<WatchlistEntry> entries, String source) {

    public Watchlist {
        entries = List.copyOf(entries);
    }

    /** How many identifiers its entries carry. */
    public long identifiers() {
        return entries.stream().mapToLong(e -> e.getIdentifiers().size()).sum();
    }

    /** {@code OFAC-SDN 2024-05-03 (14,965 entries, 3,021 identifiers)}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %s (%,d entries, %,d identifiers)", listId, version, entries.size(), identifiers());
    }
}
