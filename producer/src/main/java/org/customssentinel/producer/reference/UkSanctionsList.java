package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;

/**
 * The UK Sanctions List (FCDO; since OFSI's consolidated list closed in January 2026 the UK's one list) in its CSV
 * layout: a {@code Report Date: 18-Aug-2026} line, a header, then one row per name of a designation, rows of one
 * designation sharing {@code Unique ID}. A name is its parts {@code Name 1} to {@code Name 5} then {@code Name 6}
 * (the surname or the entity's name); {@code Name type} tells the primary name from aliases, and non-Latin names
 * become aliases too. Columns whose heading names a registration, tax or identification number give identifiers.
 */
final class UkSanctionsList {

    static final String LIST_ID = "UK-SANCTIONS";
    static final List<String> REQUIRED = List.of("Unique ID", "Name 6");
    private static final List<String> NAME_PARTS = List.of("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6");

    private final Countries countries = new Countries();

    Watchlist read(String source, BufferedReader in, String versionOverride) throws IOException {
        in.mark(1 << 16);
        String first = in.readLine();
        String reportDate = null;
        if (first != null && first.replace("\uFEFF", "").startsWith("Report Date")) {
            reportDate = ListFiles.isoDate(first.substring(first.indexOf(':') + 1).trim());
        } else {
            in.reset();
        }
        Map<String, List<Map<String, String>>> byDesignation = ListFiles.grouped(source, in, ',', REQUIRED,
                row -> ListFiles.get(row, "Unique ID"));
        String newestUpdate = null;
        List<WatchlistEntry> entries = new ArrayList<>();
        for (var designation : byDesignation.entrySet()) {
            List<Map<String, String>> rows = designation.getValue();
            Set<String> names = new LinkedHashSet<>();
            String primary = null;
            for (Map<String, String> row : rows) {
                String name = name(row);
                if (!name.isEmpty() && primary == null && ListFiles.get(row, "Name type").toLowerCase(Locale.ROOT).startsWith("primary name")
                        && !ListFiles.get(row, "Name type").toLowerCase(Locale.ROOT).contains("variation")) {
                    primary = name;
                }
                names.add(name);
                names.add(ListFiles.get(row, "Name non-latin script"));
                String updated = ListFiles.isoDate(ListFiles.get(row, "Last Updated"));
                if (updated != null && (newestUpdate == null || updated.compareTo(newestUpdate) > 0)) {
                    newestUpdate = updated;
                }
            }
            names.remove("");
            if (names.isEmpty()) {
                continue;
            }
            if (primary == null) {
                primary = names.iterator().next();
            }
            names.remove(primary);
            List<String> regimes = ListFiles.distinct(rows, "Regime Name");
            if (regimes.isEmpty()) {
                regimes = ListFiles.distinct(rows, "Regime");
            }
            List<String> countryNames = ListFiles.distinct(rows, "Address Country");
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(designation.getKey())
                    .setName(primary)
                    .setAliases(new ArrayList<>(names))
                    .setCountry(countryNames.isEmpty() ? null : countries.code(countryNames.get(0)))
                    .setListId(LIST_ID)
                    .setProgram(regimes.isEmpty() ? null : String.join(";", regimes))
                    .setListVersion("")
                    .setIdentifiers(identifiers(rows))
                    .build());
        }
        String version = versionOverride != null ? versionOverride
                : reportDate != null ? reportDate : newestUpdate != null ? newestUpdate : "unknown";
        entries.forEach(e -> e.setListVersion(version));
        return new Watchlist(LIST_ID, version, entries, source);
    }

    private static String name(Map<String, String> row) {
        List<String> parts = new ArrayList<>();
        for (String part : NAME_PARTS) {
            String value = ListFiles.get(row, part);
            if (!value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(" ", parts);
    }

    /** Registration, tax and identification numbers, from every column whose heading names one. */
    private static List<PartyIdentifier> identifiers(List<Map<String, String>> rows) {
        List<PartyIdentifier> identifiers = new ArrayList<>();
        for (Map<String, String> row : rows) {
            for (var column : row.entrySet()) {
                String heading = column.getKey();
                boolean idColumn = heading.contains("registrationnumber") || heading.contains("taxidentification")
                        || heading.contains("nationalidentificationnumber") || heading.equals("eori");
                if (!idColumn || column.getValue().isEmpty()) {
                    continue;
                }
                for (String value : column.getValue().split("[;|]")) {
                    String trimmed = value.trim();
                    if (!trimmed.isEmpty() && trimmed.chars().anyMatch(Character::isDigit)
                            && identifiers.stream().noneMatch(i -> i.getValue().equals(trimmed))) {
                        identifiers.add(PartyIdentifier.newBuilder().setType(heading).setValue(trimmed).setCountry(null).build());
                    }
                }
            }
        }
        return identifiers;
    }
}
