package org.customssentinel.streams.enrich;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.HsClassification;

/**
 * Classification entries laid out for HS-prefix lookup. The store holds {@code p|<prefix>|<list>|<version>} for each
 * entry and {@code v|<list>} for each list's newest version (list versions sort as ISO dates do).
 */
public final class ClassificationIndex {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, HsClassification> store;

    public ClassificationIndex(ReadOnlyKeyValueStore<String, HsClassification> store) {
        this.store = store;
    }

    /** Applies one record of the reference topic (key {@code list:version:prefix}, null value to delete). */
    public static void apply(KeyValueStore<String, HsClassification> store, String sourceKey, HsClassification entry) {
        if (entry == null) {
            String[] parts = splitSourceKey(sourceKey);
            if (parts != null) {
                store.delete(entryKey(parts[2], parts[0], parts[1]));
            }
            return;
        }
        store.put(entryKey(entry.getPrefix(), entry.getListId(), entry.getListVersion()), entry);
        HsClassification newest = store.get(versionKey(entry.getListId()));
        if (newest == null || newest.getListVersion().compareTo(entry.getListVersion()) < 0) {
            store.put(versionKey(entry.getListId()), entry);
        }
    }

    /**
     * Every list's entry for this HS code: per list the longest matching prefix (10 digits down to 2), of the newest
     * version ({@link ClassificationMode#LATEST}) or of the newest version in force on {@code date}.
     * Longest prefix first.
     */
    public List<ClassificationMatch> matches(String hsCode, LocalDate date, ClassificationMode mode) {
        Map<String, HsClassification> byList = new LinkedHashMap<>();
        for (int length = Math.min(10, hsCode.length()); length >= 2; length--) {
            String prefix = hsCode.substring(0, length);
            try (KeyValueIterator<String, HsClassification> entries = store.prefixScan("p|" + prefix + "|", KEYS)) {
                while (entries.hasNext()) {
                    KeyValue<String, HsClassification> next = entries.next();
                    HsClassification entry = next.value;
                    if (byList.containsKey(entry.getListId()) && !sameLengthNewer(byList.get(entry.getListId()), entry)) {
                        continue;
                    }
                    if (applies(entry, date, mode)) {
                        byList.put(entry.getListId(), entry);
                    }
                }
            }
        }
        List<ClassificationMatch> matches = new ArrayList<>();
        byList.values().stream()
                .sorted(Comparator.comparingInt((HsClassification e) -> -e.getPrefix().length()).thenComparing(HsClassification::getListId))
                .forEach(e -> matches.add(ClassificationMatch.newBuilder()
                        .setPrefix(e.getPrefix()).setListId(e.getListId()).setCategory(e.getCategory())
                        .setDescription(e.getDescription()).setListVersion(e.getListVersion()).setBasis(e.getBasis()).build()));
        return matches;
    }

    /** The newest version of every list loaded: what a declaration enriched with {@link ClassificationMode#LATEST} is stamped with. */
    public Map<String, String> newestVersions() {
        Map<String, String> versions = new TreeMap<>();
        try (KeyValueIterator<String, HsClassification> lists = store.prefixScan("v|", KEYS)) {
            while (lists.hasNext()) {
                HsClassification newest = lists.next().value;
                versions.put(newest.getListId(), newest.getListVersion());
            }
        }
        return versions;
    }

    private boolean applies(HsClassification entry, LocalDate date, ClassificationMode mode) {
        if (mode == ClassificationMode.DECLARATION_DATE) {
            return inForce(entry, date);
        }
        HsClassification newest = store.get(versionKey(entry.getListId()));
        return newest == null || newest.getListVersion().equals(entry.getListVersion());
    }

    /** Within one prefix length, a newer version of the same list replaces an older one found first. */
    private static boolean sameLengthNewer(HsClassification found, HsClassification candidate) {
        return found.getPrefix().length() == candidate.getPrefix().length()
                && found.getListVersion().compareTo(candidate.getListVersion()) < 0;
    }

    private static boolean inForce(HsClassification entry, LocalDate date) {
        return !date.isBefore(entry.getValidFrom()) && (entry.getValidTo() == null || !date.isAfter(entry.getValidTo()));
    }

    static String entryKey(String prefix, String listId, String version) {
        return "p|" + prefix + "|" + listId + "|" + version;
    }

    static String versionKey(String listId) {
        return "v|" + listId;
    }

    /** {@code list:version:prefix} into its parts; the list id may itself contain colons, the others not. */
    private static String[] splitSourceKey(String key) {
        int last = key.lastIndexOf(':');
        int middle = last < 0 ? -1 : key.lastIndexOf(':', last - 1);
        if (middle <= 0) {
            return null;
        }
        return new String[] {key.substring(0, middle), key.substring(middle + 1, last), key.substring(last + 1)};
    }
}
