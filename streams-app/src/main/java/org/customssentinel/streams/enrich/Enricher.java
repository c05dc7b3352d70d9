package org.customssentinel.streams.enrich;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;

/** A declaration with every classification of its items and every watchlist match of its exporter and importer. */
public final class Enricher {

    private final ClassificationIndex classifications;
    private final WatchlistIndex watchlist;
    private final ClassificationMode mode;

    public Enricher(ClassificationIndex classifications, WatchlistIndex watchlist, ClassificationMode mode) {
        this.classifications = classifications;
        this.watchlist = watchlist;
        this.mode = mode;
    }

    public EnrichedDeclaration enrich(Declaration declaration) {
        LocalDate date = declaration.getLodgedAt().atZone(ZoneOffset.UTC).toLocalDate();
        List<EnrichedItem> items = new ArrayList<>(declaration.getItems().size());
        for (GoodsItem item : declaration.getItems()) {
            items.add(EnrichedItem.newBuilder().setItemNumber(item.getItemNumber()).setHsCode(item.getHsCode())
                    .setMatches(classifications.matches(item.getHsCode(), date, mode)).build());
        }
        List<PartyMatch> parties = new ArrayList<>();
        parties.addAll(watchlist.matches(PartyRole.EXPORTER, declaration.getExporter().getName()));
        parties.addAll(watchlist.matches(PartyRole.IMPORTER, declaration.getImporter().getName()));
        // Latest mode applied every list's newest version; audit mode applied, per list, the version of its matches.
        Map<String, String> versions = new TreeMap<>();
        if (mode == ClassificationMode.LATEST) {
            versions.putAll(classifications.newestVersions());
        } else {
            items.forEach(item -> item.getMatches().forEach(m -> versions.merge(m.getListId(), m.getListVersion(),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b)));
        }
        versions.putAll(watchlist.versions());
        return EnrichedDeclaration.newBuilder().setDeclaration(declaration).setItems(items).setPartyMatches(parties)
                .setReferenceVersions(versions).build();
    }
}
