package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchlistIndexTest {

    private final KeyValueStore<String, WatchlistEntry> store = WatchlistStores.inMemory();
    private final WatchlistUpdates updates = new WatchlistUpdates(store);
    private final WatchlistIndex index = new WatchlistIndex(store);

    private static final WatchlistEntry SDS = WatchlistEntry.newBuilder().setEntryId("46523")
            .setName("S&D SOLUTIONS LIMITED LIABILITY COMPANY").setAliases(List.of("SDS OOO")).setListId("OFAC-SDN")
            .setProgram("RUSSIA-EO14024").setListVersion("2024-05-03")
            .setIdentifiers(List.of(PartyIdentifier.newBuilder().setType("Tax ID No.").setValue("7820331010").setCountry("RU").build()))
            .build();

    private static final WatchlistEntry VOLGA = WatchlistEntry.newBuilder().setEntryId("16806").setName("OOO VOLGA GROUP")
            .setListId("OFAC-SDN").setProgram("RUSSIA-EO14024").setListVersion("2024-05-03").build();

    @AfterEach
    void close() {
        store.close();
    }

    private List<PartyMatch> screen(String name, String identifier, String country) {
        return index.matches(PartyRole.IMPORTER, Party.newBuilder().setName(name).setIdentifier(identifier).setCountry(country).build());
    }

    @Test
    void shouldMatchByIdentifierWhateverTheName() {
        updates.apply("OFAC-SDN:46523", SDS);
        List<PartyMatch> matches = screen("Ess Dee Systems", "RU7820331010", "RU");
        assertEquals(1, matches.size());
        assertEquals(MatchKind.IDENTIFIER, matches.get(0).getMatchedBy());
        assertEquals("Tax ID No. 7820331010 (RU)", matches.get(0).getIdentifier());
        assertEquals("S&D SOLUTIONS LIMITED LIABILITY COMPANY", matches.get(0).getMatchedName());
        // The same number issued by another country is another party's.
        assertEquals(List.of(), screen("Ess Dee Systems", "KZ7820331010", "KZ"));
        assertEquals(1, screen("Ess Dee Systems", "782-033-1010", null).size());
    }

    @Test
    void shouldTellNameAliasAndFuzzyApartAndMatchEachEntryOnce() {
        updates.apply("OFAC-SDN:46523", SDS);
        assertEquals(MatchKind.NAME, screen("S & D Solutions OOO", null, null).get(0).getMatchedBy());
        PartyMatch alias = screen("SDS LLC", null, null).get(0);
        assertEquals(MatchKind.ALIAS, alias.getMatchedBy());
        assertEquals("SDS OOO", alias.getMatchedName());
        // Initials and generic words alone are matched exactly or not at all; a generic word loosely spelt is read as it.
        assertEquals(List.of(), screen("S&D Systems", null, null));
        assertEquals(MatchKind.NAME, screen("S&D Solutionz", null, null).get(0).getMatchedBy());
        updates.apply("OFAC-SDN:16806", VOLGA);
        PartyMatch fuzzy = screen("Wolga Group", null, null).get(0);
        assertEquals(MatchKind.FUZZY, fuzzy.getMatchedBy());
        assertEquals("OOO VOLGA GROUP", fuzzy.getMatchedName());
        assertTrue(fuzzy.getScore() >= FuzzyScore.THRESHOLD && fuzzy.getScore() < 1, "score " + fuzzy.getScore());
        // Name and identifier both match: one match, the strongest evidence.
        List<PartyMatch> both = screen("S&D Solutions", "7820331010", "RU");
        assertEquals(1, both.size());
        assertEquals(MatchKind.IDENTIFIER, both.get(0).getMatchedBy());
        assertEquals(List.of(), screen("Solutions", null, null));
    }

    @Test
    void shouldForgetWhatAnUpdatedOrDeletedEntryNoLongerSays() {
        updates.apply("OFAC-SDN:46523", SDS);
        updates.apply("OFAC-SDN:46523", WatchlistEntry.newBuilder(SDS).setAliases(List.of()).setIdentifiers(List.of()).build());
        assertEquals(List.of(), screen("SDS", null, null));
        assertEquals(List.of(), screen("Other", "7820331010", null));
        updates.apply("OFAC-SDN:46523", null);
        assertEquals(List.of(), screen("S&D Solutions", null, null));
        try (var left = store.all()) {
            left.forEachRemaining(kv -> assertTrue(kv.key.startsWith("v|") || kv.key.startsWith("layout|"), kv.key + " left behind"));
        }
    }

    @Test
    void shouldUpgradeAStoreOfTheFirstLayoutInPlace() {
        // What the version before identifiers left in its store: e| entries, n| keys normalized by the traders' rules
        // (where "S&D" is "s d"), v| versions, no layout mark.
        store.put("e|OFAC-SDN:46523", SDS);
        store.put("e|OFAC-SDN:16806", VOLGA);
        store.put("n|volga group|OFAC-SDN:16806", VOLGA);
        store.put("n|s d solutions liability|OFAC-SDN:46523", SDS);
        store.put("n|sds|OFAC-SDN:46523", SDS);
        store.put("v|OFAC-SDN", SDS);
        store.put("v|OFAC-SDN", SDS);
        WatchlistUpdates restarted = new WatchlistUpdates(store);
        // A record replayed on restore before the upgrade runs must not mark the store as current.
        restarted.apply("OFAC-SDN:1", WatchlistEntry.newBuilder(SDS).setEntryId("1").setName("Other Party").setAliases(List.of())
                .setIdentifiers(List.of()).build());
        assertEquals(3, restarted.upgrade());
        assertNull(store.get("n|s d solutions liability|OFAC-SDN:46523"), "stale key of the old layout");
        assertEquals(MatchKind.IDENTIFIER, screen("x", "RU7820331010", null).get(0).getMatchedBy());
        assertEquals(MatchKind.NAME, screen("S & D Solutions", null, null).get(0).getMatchedBy());
        assertEquals(MatchKind.FUZZY, screen("Wolga Group", null, null).get(0).getMatchedBy());
        assertEquals(0, new WatchlistUpdates(store).upgrade(), "an upgraded store is current");
    }

    @Test
    void shouldWriteNothingToAnEmptyStoreAtStart() {
        // Writing a value registers its schema: an app must start (and fail on what it lacks) without the registry.
        assertEquals(0, updates.upgrade());
        try (var all = store.all()) {
            assertFalse(all.hasNext(), "the empty store was written to");
        }
    }

    @Test
    void shouldMarkANewStoreCurrentFromItsFirstRecord() {
        updates.apply("OFAC-SDN:46523", SDS);
        assertEquals(0, new WatchlistUpdates(store).upgrade());
    }
}
