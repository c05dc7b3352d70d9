package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;

/**
 * The project's own watchlist CSV: {@code name,aliases,country,list,program} and, optionally, {@code identifiers}
 * ({@code ;}-separated, each {@code value} or {@code type=value}, e.g. {@code Tax ID No.=7725824287}).
 */
final class ProjectWatchlist {

    private ProjectWatchlist() {
    }

    static List<WatchlistEntry> read(String source, BufferedReader in, String listVersion) throws IOException {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(source, in, null)) {
            String name = row.get("name");
            String list = row.get("list");
            if (name.isEmpty() || list.isEmpty()) {
                throw new IllegalArgumentException(row.where() + ": name and list are required");
            }
            String country = row.get("country").isEmpty() ? null : row.get("country").toUpperCase(Locale.ROOT);
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(slug(name))
                    .setName(name)
                    .setAliases(split(row.get("aliases")))
                    .setCountry(country)
                    .setListId(list)
                    .setProgram(row.get("program").isEmpty() ? null : row.get("program"))
                    .setListVersion(listVersion)
                    .setIdentifiers(split(row.get("identifiers")).stream().map(id -> identifier(id, country)).toList())
                    .build());
        }
        return entries;
    }

    private static PartyIdentifier identifier(String text, String country) {
        int equals = text.indexOf('=');
        String type = equals < 0 ? "identifier" : text.substring(0, equals).trim();
        String value = equals < 0 ? text : text.substring(equals + 1).trim();
        return PartyIdentifier.newBuilder().setType(type).setValue(value).setCountry(country).build();
    }

    private static List<String> split(String field) {
        return Arrays.stream(field.split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]+", "-").replaceAll("(^-|-$)", "");
    }
}
