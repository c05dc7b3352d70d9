package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.Watchlist;
import org.customssentinel.producer.reference.WatchlistReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Screening measured on a set of its own: the real SDN list of 3 May 2024 and a fixture of every other format,
 * declared parties written as paperwork writes them (variants) and look-alikes that are other parties (decoys).
 * Prints recall and false hits per kind of evidence; fails when recall drops or a decoy matches.
 */
class ScreeningRecallTest {

    private static KeyValueStore<String, WatchlistEntry> store;
    private static WatchlistIndex index;
    private static List<Watchlist> lists;

    record Case(Set<String> expected, String how, String name, String identifier, String country) {
        boolean decoy() {
            return expected.isEmpty();
        }
    }

    @BeforeAll
    static void loadLists() throws Exception {
        lists = List.of(
                WatchlistReader.read(Path.of("..", "reference-data", "ofac-sdn-2024-05-03.csv.gz"), WatchlistReader.Format.AUTO, "2024-05-03"),
                WatchlistReader.read(fixture("ofac-cons/cons_prim.csv"), WatchlistReader.Format.AUTO, "2024-05-03"),
                WatchlistReader.read(fixture("eu-fsf.csv"), WatchlistReader.Format.AUTO, null),
                WatchlistReader.read(fixture("uk-sanctions-list.csv"), WatchlistReader.Format.AUTO, null),
                WatchlistReader.read(fixture("opensanctions-targets.simple.csv"), WatchlistReader.Format.AUTO, null));
        store = WatchlistStores.inMemory();
        WatchlistUpdates updates = new WatchlistUpdates(store);
        for (Watchlist list : lists) {
            list.entries().forEach(entry -> updates.apply(WatchlistReader.key(entry), entry));
        }
        index = new WatchlistIndex(store);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    static Path fixture(String name) {
        return Path.of("..", "reference-data", "watchlist-formats", name);
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ScreeningRecallTest.class.getResourceAsStream("/screening/cases.csv"), StandardCharsets.UTF_8))) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(in)) {
                Set<String> expected = row.get("expect").equals("-") ? Set.of() : Set.of(row.get("expect").split("\\|"));
                cases.add(new Case(expected, row.get("how"), row.get("name"), blank(row.get("identifier")), blank(row.get("country"))));
            }
        }
        return cases;
    }

    private static String blank(String value) {
        return value.isBlank() ? null : value;
    }

    private static List<PartyMatch> screen(Case c) {
        return index.matches(PartyRole.EXPORTER, Party.newBuilder().setName(c.name()).setIdentifier(c.identifier()).setCountry(c.country()).build());
    }

    @Test
    void shouldFindTheVariantsAndNoneOfTheDecoys() throws IOException {
        List<Case> cases = cases();
        Map<String, int[]> byHow = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseHits = new ArrayList<>();
        for (Case c : cases) {
            List<PartyMatch> matches = screen(c);
            Set<String> found = matches.stream().map(m -> m.getListId() + ":" + m.getEntryId()).collect(Collectors.toSet());
            int[] counts = byHow.computeIfAbsent(c.how(), k -> new int[3]);
            counts[0]++;
            if (!c.decoy() && found.containsAll(c.expected())) {
                counts[1]++;
            } else if (!c.decoy()) {
                misses.add(c.name() + " -> " + describe(matches) + ", expected " + c.expected());
            }
            for (PartyMatch m : matches) {
                if (!c.expected().contains(m.getListId() + ":" + m.getEntryId())) {
                    counts[2]++;
                    falseHits.add(c.name() + " -> " + describe(List.of(m)));
                }
            }
        }
        long variants = cases.stream().filter(c -> !c.decoy()).count();
        long decoys = cases.size() - variants;
        int found = byHow.entrySet().stream().filter(e -> !e.getKey().equals("decoy")).mapToInt(e -> e.getValue()[1]).sum();
        System.out.printf("screening %d variants and %d decoys against %s%n", variants, decoys,
                lists.stream().map(Watchlist::describe).collect(Collectors.joining(", ")));
        byHow.forEach((how, counts) -> System.out.printf(Locale.ROOT, "  %-10s %3d cases  %s  false hits %d%n", how, counts[0],
                how.equals("decoy") ? "          " : String.format(Locale.ROOT, "recall %3.0f%%", 100.0 * counts[1] / counts[0]), counts[2]));
        System.out.printf(Locale.ROOT, "  recall %d/%d (%.1f%%), false hits %d%n", found, variants, 100.0 * found / variants, falseHits.size());
        misses.forEach(m -> System.out.println("  missed: " + m));
        falseHits.forEach(m -> System.out.println("  false hit: " + m));
        assertEquals(List.of(), falseHits, "false hits");
        assertTrue(found >= 0.95 * variants, "recall " + found + "/" + variants + ": " + misses);
    }

    @Test
    void shouldSayHowEachVariantMatched() throws IOException {
        for (Case c : cases()) {
            if (c.decoy()) {
                continue;
            }
            List<PartyMatch> matches = screen(c).stream().filter(m -> c.expected().contains(m.getListId() + ":" + m.getEntryId())).toList();
            if (matches.isEmpty()) {
                continue;
            }
            MatchKind expected = MatchKind.valueOf(c.how().toUpperCase(Locale.ROOT));
            assertEquals(expected, matches.get(0).getMatchedBy(), c.name() + ": " + describe(matches));
        }
    }

    private static String describe(List<PartyMatch> matches) {
        return matches.isEmpty() ? "nothing" : matches.stream().map(m -> m.getListId() + ":" + m.getEntryId() + " " + m.getMatchedBy()
                + (m.getScore() == null ? "" : " " + m.getScore()) + " \"" + m.getMatchedName() + "\"").collect(Collectors.joining("; "));
    }
}
