package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.generate.SyntheticWatchlist;
import org.customssentinel.producer.reference.WatchlistReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watchlist the size of OpenSanctions' default collection (300,000 entries) indexed as the app keeps it, in
 * RocksDB: the heap it leaves behind stays small whatever the list's size, and screening still finds its parties.
 */
class ScreeningScaleTest {

    static final int ENTRIES = 300_000;

    /** What the index may keep on the heap once loaded; the same list in memory takes about 276 MiB. */
    static final long HEAP_BOUND = 32L << 20;

    @TempDir
    File stateDir;

    @Test
    void shouldIndexThreeHundredThousandEntriesInBoundedHeapAndStillFindThem() {
        long heapBefore = usedHeapAfterGc();
        KeyValueStore<String, WatchlistEntry> store = WatchlistStores.rocksDb(stateDir);
        try {
            WatchlistUpdates updates = new WatchlistUpdates(store);
            WatchlistEntry planted = null;
            for (Iterator<WatchlistEntry> it = new SyntheticWatchlist(7).iterator(ENTRIES, "SYNTHETIC", "1"); it.hasNext(); ) {
                WatchlistEntry entry = it.next();
                updates.apply(WatchlistReader.key(entry), entry);
                if (entry.getEntryId().equals("123456")) {
                    planted = entry;
                }
            }
            store.flush();
            long retained = usedHeapAfterGc() - heapBefore;
            System.out.printf("300,000 entries indexed in RocksDB: %.1f MiB of heap retained%n", retained / 1048576.0);
            assertTrue(retained < HEAP_BOUND, "heap retained by the index: " + retained + " bytes");

            WatchlistIndex index = new WatchlistIndex(store);
            List<PartyMatch> byName = index.matches(PartyRole.IMPORTER, Party.newBuilder().setName(planted.getName()).build());
            assertTrue(byName.stream().anyMatch(m -> m.getEntryId().equals("123456") && m.getMatchedBy() == MatchKind.NAME), byName.toString());
            if (!planted.getIdentifiers().isEmpty()) {
                String id = planted.getIdentifiers().get(0).getCountry() + planted.getIdentifiers().get(0).getValue();
                List<PartyMatch> byId = index.matches(PartyRole.IMPORTER, Party.newBuilder().setName("Someone Else").setIdentifier(id).build());
                assertEquals("123456", byId.get(0).getEntryId(), byId.toString());
            }
        } finally {
            store.close();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
