package org.customssentinel.producer.reference;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The publishers' CSV files with a header row: rows grouped by entry, values by the header's names. */
final class ListFiles {

    private ListFiles() {
    }

    /** Rows by the entry they belong to, in file order; a column missing from the file reads as empty. */
    static Map<String, List<Map<String, String>>> grouped(String source, Reader in, char delimiter, List<String> required,
            Function<Map<String, String>, String> entryOf) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).get();
        Map<String, List<Map<String, String>>> entries = new LinkedHashMap<>();
        try (in; var parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames().stream().map(ListFiles::column).toList();
            for (String column : required) {
                if (!header.contains(column(column))) {
                    throw new IllegalArgumentException(source + ": no column '" + column + "' in the header (columns: "
                            + String.join(", ", parser.getHeaderNames()) + ")");
                }
            }
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    row.putIfAbsent(header.get(i), record.get(i).trim());
                }
                String entry = entryOf.apply(row);
                if (entry != null && !entry.isEmpty()) {
                    entries.computeIfAbsent(entry, k -> new ArrayList<>()).add(row);
                }
            }
        }
        return entries;
    }

    /** A header name compared without case, spaces, punctuation or a byte-order mark. */
    static String column(String name) {
        return name.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }

    static String get(Map<String, String> row, String column) {
        return row.getOrDefault(column(column), "");
    }

    /** The distinct non-empty values of a column over an entry's rows, in order. */
    static List<String> distinct(List<Map<String, String>> rows, String column) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String value = get(row, column);
            if (!value.isEmpty() && !values.contains(value)) {
                values.add(value);
            }
        }
        return values;
    }

    /** A date as one of the publishers writes it, as ISO {@code yyyy-MM-dd}; null when it is none of them. */
    static String isoDate(String text) {
        for (String pattern : List.of("yyyy-MM-dd", "dd/MM/yyyy", "d-MMM-yyyy", "dd-MMM-yyyy", "d MMMM yyyy")) {
            try {
                String date = text.length() >= 10 && pattern.equals("yyyy-MM-dd") ? text.substring(0, 10) : text.trim();
                return LocalDate.parse(date, DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)).toString();
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                // try the next layout
            }
        }
        return null;
    }
}
