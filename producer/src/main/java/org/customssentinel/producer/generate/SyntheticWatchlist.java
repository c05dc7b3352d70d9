package org.customssentinel.producer.generate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;

/**
 * A watchlist of any size, shaped like the real ones, for measuring screening at scale (OpenSanctions' default
 * collection has about 300,000 targets; no list that big can be shipped here). Names are made of invented words
 * (so they collide as real ones do, on shared words and sounds), generic trade words and legal forms; most entries
 * have an alias and a tax or registration number. The same seed gives the same list.
 */
public final class SyntheticWatchlist {

    private static final String[] ONSETS = {"b", "v", "g", "d", "k", "l", "m", "n", "p", "r", "s", "t", "z", "kh", "sh", "ch",
            "zh", "st", "pr", "tr", "gr", "kr"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ya", "yu", "ai", "ei"};
    private static final String[] CODAS = {"", "", "n", "r", "k", "m", "s", "t", "l", "v"};
    private static final String[] GENERIC = {"Trading", "Electronics", "Technology", "Components", "Industrial", "Group",
            "Import Export", "Machinery", "Engineering", "Supply", "Logistics", "International", "Holding"};
    private static final String[] FORMS = {"LLC", "Ltd", "OOO", "AO", "JSC", "Co., Ltd.", "FZE", "DMCC", "GmbH", "Limited",
            "Pte Ltd", "TOO", "A.S.", "Ltd. Şti.", ""};
    private static final String[] COUNTRIES = {"RU", "CN", "HK", "AE", "TR", "KZ", "KG", "AM", "BY", "IR"};

    private final Random random;

    public SyntheticWatchlist(long seed) {
        this.random = new Random(seed);
    }

    public List<WatchlistEntry> entries(int count, String listId, String version) {
        List<WatchlistEntry> entries = new ArrayList<>(count);
        Iterator<WatchlistEntry> it = iterator(count, listId, version);
        it.forEachRemaining(entries::add);
        return entries;
    }

    /** The entries one at a time, as they would arrive from the watchlist topic, none kept. */
    public Iterator<WatchlistEntry> iterator(int count, String listId, String version) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public WatchlistEntry next() {
                return entry(next++, listId, version);
            }
        };
    }

    private WatchlistEntry entry(int i, String listId, String version) {
        {
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            String core = word() + (random.nextInt(3) == 0 ? " " + word() : "");
            String name = (random.nextBoolean() ? FORMS[random.nextInt(FORMS.length)] + " " : "") + core
                    + (random.nextInt(3) > 0 ? " " + GENERIC[random.nextInt(GENERIC.length)] : "")
                    + " " + FORMS[random.nextInt(FORMS.length)];
            List<String> aliases = new ArrayList<>();
            if (random.nextInt(10) < 6) {
                aliases.add(core + " " + GENERIC[random.nextInt(GENERIC.length)]);
            }
            List<PartyIdentifier> identifiers = new ArrayList<>();
            if (random.nextInt(10) < 7) {
                identifiers.add(PartyIdentifier.newBuilder().setType("Tax ID No.").setValue(digits(10)).setCountry(country).build());
            }
            return WatchlistEntry.newBuilder().setEntryId(Integer.toString(i)).setName(name.trim().replaceAll(" +", " "))
                    .setAliases(aliases).setCountry(country).setListId(listId).setProgram("SYNTHETIC").setListVersion(version)
                    .setIdentifiers(identifiers).build();
        }
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        int syllables = 2 + random.nextInt(3);
        for (int s = 0; s < syllables; s++) {
            word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
        }
        word.append(CODAS[random.nextInt(CODAS.length)]);
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private String digits(int length) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < length; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
