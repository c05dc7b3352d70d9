package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.HsClassification;

/**
 * Classification lists from CSV with header
 * {@code prefix,list_id,category,description,legal_basis,list_version,valid_from,valid_to,basis}.
 */
public final class HsClassificationReader {

    /** The lists the project ships: the CHPL of 23 Feb 2024 and EU 2021/821 Annex I candidate headings. */
    public static final List<String> SHIPPED = List.of("/reference/chpl-2024-02-23.csv", "/reference/eu-2021-821-annex-i-candidates.csv");

    private HsClassificationReader() {
    }

    public static List<HsClassification> shipped() throws IOException {
        List<HsClassification> all = new ArrayList<>();
        for (String resource : SHIPPED) {
            all.addAll(read(resource, ReferenceFiles.openResource(resource)));
        }
        return all;
    }

    public static List<HsClassification> read(String source, BufferedReader in) throws IOException {
        List<HsClassification> entries = new ArrayList<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(source, in, null)) {
            String prefix = row.get("prefix").replace(".", "").replace(" ", "");
            if (!prefix.matches("\\d{2,10}")) {
                throw new IllegalArgumentException(row.where() + ": prefix '" + row.get("prefix") + "' is not 2 to 10 digits");
            }
            entries.add(HsClassification.newBuilder()
                    .setPrefix(prefix)
                    .setListId(required(row, "list_id"))
                    .setCategory(required(row, "category"))
                    .setDescription(required(row, "description"))
                    .setLegalBasis(required(row, "legal_basis"))
                    .setListVersion(required(row, "list_version"))
                    .setValidFrom(date(row, "valid_from"))
                    .setValidTo(row.get("valid_to").isEmpty() ? null : date(row, "valid_to"))
                    .setBasis(basis(row))
                    .build());
        }
        return entries;
    }

    /**
     * Compaction key: one entry per list, version and prefix, so versions live side by side (a replay audits with
     * the version then in force) and loading a new version never overwrites an old one.
     */
    public static String key(HsClassification entry) {
        return entry.getListId() + ":" + entry.getListVersion() + ":" + entry.getPrefix();
    }

    private static String required(ReferenceFiles.Row row, String column) {
        String value = row.get(column);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(row.where() + ": " + column + " is required");
        }
        return value;
    }

    private static LocalDate date(ReferenceFiles.Row row, String column) {
        try {
            return LocalDate.parse(required(row, column));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(row.where() + ": " + column + " '" + row.get(column) + "' is not a date (2024-02-23)");
        }
    }

    private static ClassificationBasis basis(ReferenceFiles.Row row) {
        String value = row.get("basis");
        if (value.isEmpty()) {
            return ClassificationBasis.LISTED;
        }
        try {
            return ClassificationBasis.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(row.where() + ": basis '" + value + "' is not LISTED or CANDIDATE");
        }
    }
}
