package org.customssentinel.producer.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;

/**
 * The EU's consolidated list of persons, groups and entities subject to financial sanctions, in its CSV layout
 * ({@code csvFullSanctionsList_1_1}): {@code ;}-separated, a header, one row per combination of an entity's names,
 * identifications, addresses, ... sharing {@code Entity_LogicalId}. Read: every {@code NameAlias_WholeName} (the
 * first as the name, the rest as aliases), every {@code Identification_Number} with its type and
 * {@code Identification_CountryIso2Code}, the regulation's programme, the first address country, and the
 * {@code fileGenerationDate} as the version.
 */
final class EuSanctionsList {

    static final String LIST_ID = "EU-FSF";
    static final List<String> REQUIRED = List.of("Entity_LogicalId", "NameAlias_WholeName");

    Watchlist read(String source, Reader in, String versionOverride) throws IOException {
        Map<String, List<Map<String, String>>> byEntity = ListFiles.grouped(source, in, ';', REQUIRED,
                row -> ListFiles.get(row, "Entity_LogicalId"));
        String fileDate = null;
        List<WatchlistEntry> entries = new ArrayList<>();
        for (var entity : byEntity.entrySet()) {
            List<Map<String, String>> rows = entity.getValue();
            List<String> names = ListFiles.distinct(rows, "NameAlias_WholeName");
            if (names.isEmpty()) {
                continue;
            }
            if (fileDate == null) {
                fileDate = ListFiles.isoDate(ListFiles.get(rows.get(0), "fileGenerationDate"));
            }
            String reference = ListFiles.get(rows.get(0), "Entity_EU_ReferenceNumber");
            List<String> programmes = ListFiles.distinct(rows, "Entity_Regulation_Programme");
            List<String> countries = ListFiles.distinct(rows, "Address_CountryIso2Code");
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(reference.isEmpty() ? entity.getKey() : reference)
                    .setName(names.get(0))
                    .setAliases(names.subList(1, names.size()))
                    .setCountry(countries.isEmpty() ? null : countries.get(0).toUpperCase(java.util.Locale.ROOT))
                    .setListId(LIST_ID)
                    .setProgram(programmes.isEmpty() ? null : String.join(";", programmes))
                    .setListVersion("")
                    .setIdentifiers(identifiers(rows))
                    .build());
        }
        String version = versionOverride != null ? versionOverride : fileDate != null ? fileDate : "unknown";
        entries.forEach(e -> e.setListVersion(version));
        return new Watchlist(LIST_ID, version, entries, source);
    }

    private static List<PartyIdentifier> identifiers(List<Map<String, String>> rows) {
        List<PartyIdentifier> identifiers = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String number = ListFiles.get(row, "Identification_Number");
            if (number.isEmpty() || identifiers.stream().anyMatch(i -> i.getValue().equals(number))) {
                continue;
            }
            String type = ListFiles.get(row, "Identification_TypeDescription");
            String country = ListFiles.get(row, "Identification_CountryIso2Code");
            identifiers.add(PartyIdentifier.newBuilder()
                    .setType(type.isEmpty() ? ListFiles.get(row, "Identification_TypeCode") : type)
                    .setValue(number)
                    .setCountry(country.isEmpty() || country.equals("00") ? null : country.toUpperCase(java.util.Locale.ROOT))
                    .build());
        }
        return identifiers;
    }
}
