package org.customssentinel.streams.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;

/**
 * Watchlist entries laid out for screening, in one key-value store:
 * <ul>
 *   <li>{@code e|<entry key>}: the entry, so an update or deletion can remove the keys it had;</li>
 *   <li>{@code n|<name key>|<entry key>}: the entry, per listed name and alias ({@link NameNormalizer});</li>
 *   <li>{@code i|<identifier key>|<entry key>}: the entry, per listed identifier ({@link Identifiers});</li>
 *   <li>{@code w|<word key>|<entry key>}: a pointer (an entry holding only its key), per distinctive word of a name,
 *   under the word's Double Metaphone codes and its first letters: the candidates of fuzzy matching;</li>
 *   <li>{@code v|<list>}: the list's newest version; {@code layout|}: the layout version ({@link #LAYOUT}).</li>
 * </ul>
 */
public final class WatchlistIndex {

    /**
     * The layout of the keys above. Layout 1 (before identifiers and fuzzy words) had e|, n| (names normalized by the
     * traders' rules) and v|; a store in an older layout is re-indexed from its e| entries when the app starts.
     */
    public static final int LAYOUT = 2;

    /** Fuzzy candidates read per word key: enough for any real word, and a bound on a pathological one. */
    static final int CANDIDATES_PER_KEY = 256;

    static final String LAYOUT_KEY = "layout|";
    private static final StringSerializer KEYS = new StringSerializer();
    private static final int PREFIX_LETTERS = 4;

    private final ReadOnlyKeyValueStore<String, WatchlistEntry> store;
    private final NameNormalizer names = new NameNormalizer();
    private final FuzzyScore fuzzy = new FuzzyScore();
    private final DoubleMetaphone metaphone = newMetaphone();

    public WatchlistIndex(ReadOnlyKeyValueStore<String, WatchlistEntry> store) {
        this.store = store;
    }

    /**
     * The entries a declared party matches, strongest evidence first and each entry once: by identifier, by listed
     * name, by alias, and, when neither name matched exactly, by a fuzzy name at or above {@link FuzzyScore#THRESHOLD}.
     */
    public List<PartyMatch> matches(PartyRole role, Party party) {
        Map<String, PartyMatch> byEntry = new TreeMap<>();
        byIdentifier(role, party, byEntry);
        ScreenedName declared = names.normalize(party.getName());
        if (!declared.isEmpty()) {
            boolean exact = byName(role, party, declared, byEntry);
            if (!exact) {
                byFuzzyName(role, party, declared, byEntry);
            }
        }
        List<PartyMatch> matches = new ArrayList<>(byEntry.values());
        matches.sort(Comparator.comparing(PartyMatch::getMatchedBy));
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

    private void byIdentifier(PartyRole role, Party party, Map<String, PartyMatch> byEntry) {
        Identifiers.Key declared = Identifiers.key(party.getIdentifier());
        if (declared == null) {
            return;
        }
        String country = Identifiers.declaredCountry(declared, party.getCountry());
        String prefix = "i|" + declared.value() + "|";
        try (KeyValueIterator<String, WatchlistEntry> entries = store.prefixScan(prefix, KEYS)) {
            while (entries.hasNext()) {
                var next = entries.next();
                WatchlistEntry entry = next.value;
                for (PartyIdentifier listed : entry.getIdentifiers()) {
                    Identifiers.Key key = Identifiers.key(listed.getValue());
                    String listedCountry = listed.getCountry() != null ? listed.getCountry() : key == null ? null : key.prefixCountry();
                    if (key != null && key.value().equals(declared.value()) && Identifiers.sameCountry(country, listedCountry)) {
                        byEntry.putIfAbsent(next.key.substring(prefix.length()), match(role, party, entry, entry.getName(), MatchKind.IDENTIFIER)
                                .setIdentifier(describe(listed)).build());
                        break;
                    }
                }
            }
        }
    }

    private boolean byName(PartyRole role, Party party, ScreenedName declared, Map<String, PartyMatch> byEntry) {
        boolean found = false;
        String prefix = "n|" + declared.key() + "|";
        try (KeyValueIterator<String, WatchlistEntry> entries = store.prefixScan(prefix, KEYS)) {
            while (entries.hasNext()) {
                var next = entries.next();
                WatchlistEntry entry = next.value;
                found = true;
                boolean primary = names.normalize(entry.getName()).key().equals(declared.key());
                String matched = primary ? entry.getName() : entry.getAliases().stream()
                        .filter(a -> names.normalize(a).key().equals(declared.key())).findFirst().orElse(entry.getName());
                byEntry.putIfAbsent(next.key.substring(prefix.length()), match(role, party, entry, matched,
                        primary ? MatchKind.NAME : MatchKind.ALIAS).build());
            }
        }
        return found;
    }

    private void byFuzzyName(PartyRole role, Party party, ScreenedName declared, Map<String, PartyMatch> byEntry) {
        Set<String> candidates = new LinkedHashSet<>();
        // The two longest distinctive words: rare enough to find few candidates, two so one misspelling is survived.
        List<String> words = declared.distinctive().stream().distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .limit(2).toList();
        for (String word : words) {
            for (String wordKey : wordKeys(word)) {
                int read = 0;
                try (KeyValueIterator<String, WatchlistEntry> pointers = store.prefixScan("w|" + wordKey + "|", KEYS)) {
                    while (pointers.hasNext() && read++ < CANDIDATES_PER_KEY) {
                        candidates.add(pointers.next().value.getEntryId());
                    }
                }
            }
        }
        for (String sourceKey : candidates) {
            if (byEntry.containsKey(sourceKey)) {
                continue;
            }
            WatchlistEntry entry = store.get("e|" + sourceKey);
            if (entry == null) {
                continue;
            }
            double best = 0;
            String bestName = null;
            for (String listed : listedNames(entry)) {
                double score = fuzzy.score(names.normalize(listed), declared);
                if (score > best) {
                    best = score;
                    bestName = listed;
                }
            }
            if (best >= FuzzyScore.THRESHOLD) {
                double rounded = Math.round(best * 1000) / 1000.0;
                byEntry.put(sourceKey, match(role, party, entry, bestName, MatchKind.FUZZY).setScore(rounded).build());
            }
        }
    }

    /** Every key the index holds for an entry besides e| and v|. */
    List<String> keysOf(WatchlistEntry entry, String sourceKey) {
        Set<String> keys = new LinkedHashSet<>();
        for (String listed : listedNames(entry)) {
            ScreenedName name = names.normalize(listed);
            if (name.isEmpty()) {
                continue;
            }
            keys.add("n|" + name.key() + "|" + sourceKey);
            for (String word : name.distinctive()) {
                wordKeys(word).forEach(k -> keys.add("w|" + k + "|" + sourceKey));
            }
        }
        for (PartyIdentifier id : entry.getIdentifiers()) {
            Identifiers.Key key = Identifiers.key(id.getValue());
            if (key != null) {
                keys.add("i|" + key.value() + "|" + sourceKey);
            }
        }
        return new ArrayList<>(keys);
    }

    /** The keys a word is found under: its Double Metaphone codes (spelling variants) and its first letters. */
    private List<String> wordKeys(String word) {
        Set<String> keys = new LinkedHashSet<>();
        String primary = metaphone.doubleMetaphone(word);
        String alternate = metaphone.doubleMetaphone(word, true);
        if (primary != null && !primary.isEmpty()) {
            keys.add("m:" + primary);
        }
        if (alternate != null && !alternate.isEmpty()) {
            keys.add("m:" + alternate);
        }
        keys.add("p:" + word.substring(0, Math.min(PREFIX_LETTERS, word.length())));
        return new ArrayList<>(keys);
    }

    private static List<String> listedNames(WatchlistEntry entry) {
        List<String> all = new ArrayList<>(1 + entry.getAliases().size());
        all.add(entry.getName());
        all.addAll(entry.getAliases());
        return all;
    }

    private static PartyMatch.Builder match(PartyRole role, Party party, WatchlistEntry entry, String matchedName, MatchKind kind) {
        return PartyMatch.newBuilder().setRole(role).setPartyName(party.getName()).setEntryId(entry.getEntryId())
                .setMatchedName(matchedName).setListId(entry.getListId()).setProgram(entry.getProgram()).setMatchedBy(kind);
    }

    private static String describe(PartyIdentifier id) {
        return id.getType() + " " + id.getValue() + (id.getCountry() == null ? "" : " (" + id.getCountry() + ")");
    }

    private static DoubleMetaphone newMetaphone() {
        DoubleMetaphone metaphone = new DoubleMetaphone();
        metaphone.setMaxCodeLen(6);
        return metaphone;
    }
}
