package org.customssentinel.streams.screening;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;

/**
 * Watchlist entries laid out for screening, in one key-value store whose values are all {@code WatchlistEntry}
 * records (the store's one serde), some of them carrying other things, as said:
 * <ul>
 *   <li>{@code e|<entry key>}: the entry, so an update or deletion can remove the keys it had;</li>
 *   <li>{@code p|<entry key>}: its names normalized ({@link #pointer}), all fuzzy scoring reads;</li>
 *   <li>{@code n|<name key>}: the entries with that name or alias, normalized ({@link NameNormalizer}): a posting list
 *   ({@link Postings}, the entry keys in its aliases);</li>
 *   <li>{@code i|<identifier key>}: the entries listing that identifier ({@link Identifiers}), a posting list;</li>
 *   <li>{@code w|<sound key>}: the entries with a name of that {@link #soundKeys sound}, a posting list: the
 *   candidates of fuzzy matching;</li>
 *   <li>{@code v|<list>}: the list's newest version; {@code layout|}: the layout version ({@link #LAYOUT}).</li>
 * </ul>
 * Every lookup is a point read: on RocksDB a read costs a few microseconds where opening an iterator for a prefix
 * costs tens.
 */
public final class WatchlistIndex {

    /**
     * The layout of the keys above. Layout 1 (before identifiers and fuzzy words) had e|, n| (names normalized by the
     * traders' rules) and v|; a store in an older layout is re-indexed from its e| entries when the app starts.
     */
    public static final int LAYOUT = 2;

    /** Fuzzy candidates scored per party at most: more than any real list shares a sound, a bound on a pathological one. */
    static final int MAX_CANDIDATES = 256;

    /** Names with more distinctive words than this are matched exactly only: no spelling is far from all of them. */
    static final int SOUND_WORDS = 6;

    /** Sound keys per name at most (each word has one or two codes). */
    static final int MAX_SOUND_KEYS = 16;

    static final String LAYOUT_KEY = "layout|";
    private static final StringSerializer KEYS = new StringSerializer();

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
        for (String sourceKey : Postings.read(store.get("i|" + declared.value()))) {
            WatchlistEntry entry = store.get("e|" + sourceKey);
            if (entry == null) {
                continue;
            }
            for (PartyIdentifier listed : entry.getIdentifiers()) {
                Identifiers.Key key = Identifiers.key(listed.getValue());
                String listedCountry = listed.getCountry() != null ? listed.getCountry() : key == null ? null : key.prefixCountry();
                if (key != null && key.value().equals(declared.value()) && Identifiers.sameCountry(country, listedCountry)) {
                    byEntry.putIfAbsent(sourceKey, match(role, party, entry, entry.getName(), MatchKind.IDENTIFIER)
                            .setIdentifier(describe(listed)).build());
                    break;
                }
            }
        }
    }

    private boolean byName(PartyRole role, Party party, ScreenedName declared, Map<String, PartyMatch> byEntry) {
        boolean found = false;
        for (String sourceKey : Postings.read(store.get("n|" + declared.key()))) {
            WatchlistEntry entry = store.get("e|" + sourceKey);
            if (entry == null) {
                continue;
            }
            found = true;
            boolean primary = names.normalize(entry.getName()).key().equals(declared.key());
            String matched = primary ? entry.getName() : entry.getAliases().stream()
                    .filter(a -> names.normalize(a).key().equals(declared.key())).findFirst().orElse(entry.getName());
            byEntry.putIfAbsent(sourceKey, match(role, party, entry, matched, primary ? MatchKind.NAME : MatchKind.ALIAS).build());
        }
        return found;
    }

    private void byFuzzyName(PartyRole role, Party party, ScreenedName declared, Map<String, PartyMatch> byEntry) {
        if (!declared.fuzzyMatchable()) {
            return;
        }
        Map<String, WatchlistEntry> candidates = new TreeMap<>();
        for (String soundKey : soundKeys(declared, true)) {
            for (String sourceKey : Postings.read(store.get("w|" + soundKey))) {
                if (!candidates.containsKey(sourceKey) && candidates.size() < MAX_CANDIDATES) {
                    WatchlistEntry pointer = store.get("p|" + sourceKey);
                    if (pointer != null) {
                        candidates.put(sourceKey, pointer);
                    }
                }
            }
        }
        for (WatchlistEntry candidate : candidates.values()) {
            String sourceKey = candidate.getEntryId();
            if (byEntry.containsKey(sourceKey)) {
                continue;
            }
            double best = 0;
            String bestKey = null;
            for (String key : pointerKeys(candidate)) {
                double score = key.isEmpty() ? 0 : fuzzy.score(new ScreenedName(List.of(key.split(" "))), declared);
                if (score > best) {
                    best = score;
                    bestKey = key;
                }
            }
            if (best >= FuzzyScore.THRESHOLD) {
                WatchlistEntry entry = store.get("e|" + sourceKey);
                if (entry == null) {
                    continue;
                }
                String found = bestKey;
                String matched = listedNames(entry).stream().filter(n -> names.normalize(n).key().equals(found)).findFirst()
                        .orElse(entry.getName());
                double rounded = Math.round(best * 1000) / 1000.0;
                byEntry.put(sourceKey, match(role, party, entry, matched, MatchKind.FUZZY).setScore(rounded).build());
            }
        }
    }

    /**
     * What a w| key holds: the entry's key (as its id) and its names' normalized keys (as name and aliases), all that
     * fuzzy scoring needs, so that candidates cost no further read.
     */
    WatchlistEntry pointer(WatchlistEntry entry, String sourceKey) {
        List<String> aliases = entry.getAliases().stream().map(a -> names.normalize(a).key()).filter(k -> !k.isEmpty()).distinct().toList();
        return WatchlistEntry.newBuilder().setEntryId(sourceKey).setName(names.normalize(entry.getName()).key())
                .setAliases(aliases).setListId("").setListVersion("").build();
    }

    private static List<String> pointerKeys(WatchlistEntry pointer) {
        List<String> keys = new ArrayList<>(1 + pointer.getAliases().size());
        keys.add(pointer.getName());
        keys.addAll(pointer.getAliases());
        return keys;
    }

    /** The posting lists (n|, i|, w| keys) an entry belongs to. */
    List<String> postingsOf(WatchlistEntry entry) {
        Set<String> keys = new LinkedHashSet<>();
        for (String listed : listedNames(entry)) {
            ScreenedName name = names.normalize(listed);
            if (name.isEmpty()) {
                continue;
            }
            keys.add("n|" + name.key());
            soundKeys(name).forEach(k -> keys.add("w|" + k));
        }
        for (PartyIdentifier id : entry.getIdentifiers()) {
            Identifiers.Key key = Identifiers.key(id.getValue());
            if (key != null) {
                keys.add("i|" + key.value());
            }
        }
        return new ArrayList<>(keys);
    }

    /**
     * The sounds of a name's distinctive words: their Double Metaphone codes (primary or alternate), sorted, for every
     * word of three letters or more. A fuzzy match needs a counterpart for every distinctive word, so a listed name and
     * a declared one that can match nearly always share such a key: spelling variants keep a word's sound, and word
     * order does not count. Also the keys with the first two adjacent words written as one, for names written as one
     * word on one side and two on the other (Guang Zhou, Beijing Shangyixianda). None for a name with more than
     * {@link #SOUND_WORDS} such words: those are matched exactly only.
     */
    List<String> soundKeys(ScreenedName name) {
        return soundKeys(name, false);
    }

    /**
     * As {@link #soundKeys(ScreenedName)}; for a declared name, {@code everyPair} adds a key per pair of adjacent
     * words written as one, not only the first pair, since the list may write any pair as one word.
     */
    List<String> soundKeys(ScreenedName name, boolean everyPair) {
        Set<String> keys = new LinkedHashSet<>();
        List<String> words = name.distinctive().stream().filter(w -> w.length() >= 3).distinct().toList();
        addSoundKeys(words, keys, true);
        List<String> tokens = name.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (!GenericWords.generic(tokens.get(i)) && !GenericWords.generic(tokens.get(i + 1))) {
                String joined = tokens.get(i) + tokens.get(i + 1);
                List<String> withJoined = new ArrayList<>(words);
                withJoined.remove(tokens.get(i));
                withJoined.remove(tokens.get(i + 1));
                withJoined.add(joined);
                addSoundKeys(withJoined, keys, false);
                if (!everyPair) {
                    break;
                }
            }
        }
        return new ArrayList<>(keys);
    }

    /** Keys of the words' codes; with {@code alternates}, every combination of primary and alternate codes. */
    private void addSoundKeys(List<String> words, Set<String> keys, boolean alternates) {
        if (words.isEmpty() || words.size() > SOUND_WORDS) {
            return;
        }
        List<List<String>> combinations = List.of(List.of());
        for (String word : words) {
            Set<String> codes = new LinkedHashSet<>();
            codes.add(code(metaphone.doubleMetaphone(word), word));
            if (alternates) {
                codes.add(code(metaphone.doubleMetaphone(word, true), word));
            }
            List<List<String>> next = new ArrayList<>();
            for (List<String> combination : combinations) {
                for (String code : codes) {
                    List<String> extended = new ArrayList<>(combination);
                    extended.add(code);
                    next.add(extended);
                }
            }
            combinations = next.size() > MAX_SOUND_KEYS ? next.subList(0, MAX_SOUND_KEYS) : next;
        }
        for (List<String> combination : combinations) {
            keys.add(String.join("+", combination.stream().sorted().toList()));
        }
    }

    /** A word's code; a word Double Metaphone gives none (digits) stands for itself. */
    private static String code(String code, String word) {
        return code == null || code.isEmpty() ? word : code;
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
