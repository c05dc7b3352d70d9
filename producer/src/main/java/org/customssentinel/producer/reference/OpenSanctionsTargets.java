package org.customssentinel.producer.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;

/**
 * OpenSanctions' {@code targets.simple.csv}: one row per target, hundreds of source lists at once ({@code id, schema,
 * name, aliases, birth_date, countries, addresses, identifiers, sanctions, phones, emails, program_ids, dataset,
 * first_seen, last_seen, last_change}; several values in a field are {@code ;}-separated). Identifiers carry no
 * type or country there; the version is the newest {@code last_change}.
 */
final class OpenSanctionsTargets {

    static final String LIST_ID = "OPENSANCTIONS";
    static final List<String> REQUIRED = List.of("id", "schema", "name", "aliases", "identifiers");

    Watchlist read(String source, Reader in, String versionOverride) throws IOException {
        Map<String, List<Map<String, String>>> byId = ListFiles.grouped(source, in, ',', REQUIRED, row -> ListFiles.get(row, "id"));
        String newest = null;
        List<WatchlistEntry> entries = new ArrayList<>();
        for (var target : byId.entrySet()) {
            Map<String, String> row = target.getValue().get(0);
            String name = ListFiles.get(row, "name");
            if (name.isEmpty()) {
                continue;
            }
            String changed = ListFiles.isoDate(ListFiles.get(row, "last_change"));
            if (changed != null && (newest == null || changed.compareTo(newest) > 0)) {
                newest = changed;
            }
            List<String> countries = values(ListFiles.get(row, "countries"));
            List<String> programs = values(ListFiles.get(row, "program_ids"));
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(target.getKey())
                    .setName(name)
                    .setAliases(values(ListFiles.get(row, "aliases")).stream().filter(a -> !a.equals(name)).toList())
                    .setCountry(countries.size() == 1 && countries.get(0).length() == 2 ? countries.get(0).toUpperCase(Locale.ROOT) : null)
                    .setListId(LIST_ID)
                    .setProgram(programs.isEmpty() ? null : String.join(";", programs))
                    .setListVersion("")
                    .setIdentifiers(values(ListFiles.get(row, "identifiers")).stream()
                            .map(v -> PartyIdentifier.newBuilder().setType("identifier").setValue(v).setCountry(null).build()).toList())
                    .build());
        }
        String version = versionOverride != null ? versionOverride : newest != null ? newest : "unknown";
        entries.forEach(e -> e.setListVersion(version));
        return new Watchlist(LIST_ID, version, entries, source);
    }

    private static List<String> values(String field) {
        return Arrays.stream(field.split(";")).map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
    }
}
