package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.customssentinel.producer.read.CsvRecordReader;

/** Reference CSVs: a header row, {@code #} comment lines, values by column name. */
final class ReferenceFiles {

    /** One row, its values by column name, and where it is (for error messages). */
    record Row(String where, Map<String, String> values) {
        String get(String column) {
            return values.getOrDefault(column, "").trim();
        }
    }

    private ReferenceFiles() {
    }

    /** A file as UTF-8 text; a name ending in {@code .gz} is read through gzip, as list files are often shipped. */
    static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    /** A file beside {@code file}, plain or gzipped, or null when there is none. */
    static Path sibling(Path file, String name) {
        Path dir = file.toAbsolutePath().getParent();
        for (Path candidate : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static BufferedReader openResource(String resource) {
        InputStream in = ReferenceFiles.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("shipped reference file " + resource + " is missing from the jar");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** Rows keyed by the header's column names; {@code header} given means the file has none (OFAC's sdn.csv). */
    static List<Row> rows(String source, BufferedReader in, List<String> header) throws IOException {
        try (in) {
            CsvRecordReader records = new CsvRecordReader(in, true);
            List<String> columns = header;
            if (columns == null) {
                CsvRecordReader.CsvRecord first = records.next();
                if (first == null || first.malformed()) {
                    throw new IllegalArgumentException(source + ": no header row");
                }
                columns = first.fields().stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
            }
            List<Row> rows = new ArrayList<>();
            CsvRecordReader.CsvRecord record;
            while ((record = records.next()) != null) {
                String where = source + ":" + record.firstLine();
                if (record.malformed()) {
                    throw new IllegalArgumentException(where + ": " + record.error());
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < Math.min(columns.size(), record.fields().size()); i++) {
                    values.put(columns.get(i), record.fields().get(i));
                }
                rows.add(new Row(where, values));
            }
            return rows;
        }
    }
}
