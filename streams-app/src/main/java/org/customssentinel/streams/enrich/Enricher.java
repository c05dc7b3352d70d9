package org.customssentinel.streams.enrich;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.streams.memory.LruMap;
import org.customssentinel.streams.screening.WatchlistIndex;

/**
 * A declaration with every classification of its items and every watchlist match of its exporter and importer
 * (by identifier, name, alias or fuzzy name: {@link WatchlistIndex}).
 * Lookups are remembered until the reference data next changes: the same HS codes and traders recur all the time,
 * and each lookup decodes every stored entry it scans.
 */
public final class Enricher {

    private static final int REMEMBERED = 20_000;

    private final ClassificationIndex classifications;
    private final WatchlistIndex watchlist;
    private final ClassificationMode mode;
    private final ReferenceGeneration generation;
    private final Map<String, List<ClassificationMatch>> goods = new LruMap<>(REMEMBERED);
    private final Map<String, List<PartyMatch>> parties = new LruMap<>(REMEMBERED);
    private Map<String, String> newestVersions;
    private Map<String, String> watchlistVersions;
    private long seen = -1;

    public Enricher(ClassificationIndex classifications, WatchlistIndex watchlist, ClassificationMode mode, ReferenceGeneration generation) {
        this.classifications = classifications;
        this.watchlist = watchlist;
        this.mode = mode;
        this.generation = generation;
    }

    public EnrichedDeclaration enrich(Declaration declaration) {
        long current = generation.current();
        if (current != seen) {
            goods.clear();
            parties.clear();
            newestVersions = null;
            watchlistVersions = null;
            seen = current;
        }
        LocalDate date = declaration.getLodgedAt().atZone(ZoneOffset.UTC).toLocalDate();
        List<EnrichedItem> items = new ArrayList<>(declaration.getItems().size());
        for (GoodsItem item : declaration.getItems()) {
            String hs = item.getHsCode();
            // In audit mode what applies depends on the date too.
            String key = mode == ClassificationMode.LATEST ? hs : hs + "|" + date;
            items.add(EnrichedItem.newBuilder().setItemNumber(item.getItemNumber()).setHsCode(hs)
                    .setMatches(goods.computeIfAbsent(key, k -> classifications.matches(hs, date, mode))).build());
        }
        List<PartyMatch> matched = new ArrayList<>();
        matched.addAll(parties(PartyRole.EXPORTER, declaration.getExporter()));
        matched.addAll(parties(PartyRole.IMPORTER, declaration.getImporter()));
        // Latest mode applied every list's newest version; audit mode applied, per list, the version of its matches.
        Map<String, String> versions = new TreeMap<>();
        if (mode == ClassificationMode.LATEST) {
            if (newestVersions == null) {
                newestVersions = classifications.newestVersions();
            }
            versions.putAll(newestVersions);
        } else {
            items.forEach(item -> item.getMatches().forEach(m -> versions.merge(m.getListId(), m.getListVersion(),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b)));
        }
        if (watchlistVersions == null) {
            watchlistVersions = watchlist.versions();
        }
        versions.putAll(watchlistVersions);
        return EnrichedDeclaration.newBuilder().setDeclaration(declaration).setItems(items).setPartyMatches(matched)
                .setReferenceVersions(versions).build();
    }

    private List<PartyMatch> parties(PartyRole role, Party party) {
        String key = role + "|" + party.getName() + "|" + party.getIdentifier() + "|" + party.getCountry();
        return parties.computeIfAbsent(key, k -> watchlist.matches(role, party));
    }
}
