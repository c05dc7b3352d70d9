package org.customssentinel.producer.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.declaration.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declarations from CSV with one row per goods item: adjacent rows with the same declaration id form one
 * declaration. Reads one declaration ahead, so memory stays constant however long the file.
 */
public final class CsvDeclarationReader implements DeclarationReader {

    private static final Logger log = LoggerFactory.getLogger(CsvDeclarationReader.class);

    private final String source;
    private final CsvRecordReader records;
    private final SourceFiles.Progress progress;
    private final BufferedReader in;
    private Map<String, Integer> columns;
    /** Where each of {@link Columns#DECLARATION} and {@link Columns#ITEM} is in a row, -1 when absent: looked up once per file. */
    private int[] declarationColumns;
    private int[] itemColumns;
    private int idColumn;
    private CsvRecordReader.CsvRecord pending;

    CsvDeclarationReader(String source, BufferedReader in, SourceFiles.Progress progress) {
        this.source = source;
        this.in = in;
        this.records = new CsvRecordReader(in, false);
        this.progress = progress;
    }

    @Override
    public DeclarationDraft next() throws IOException {
        if (columns == null) {
            readHeader();
        }
        CsvRecordReader.CsvRecord first = pending != null ? pending : records.next();
        pending = null;
        if (first == null) {
            return null;
        }
        if (first.malformed() || first.fields().size() != columns.size()) {
            return unreadable(first);
        }
        String id = value(first, idColumn);
        List<CsvRecordReader.CsvRecord> rows = new ArrayList<>();
        rows.add(first);
        CsvRecordReader.CsvRecord row;
        while ((row = records.next()) != null) {
            if (row.malformed() || row.fields().size() != columns.size() || !value(row, idColumn).equals(id)) {
                pending = row;
                break;
            }
            rows.add(row);
        }
        return draft(rows);
    }

    private DeclarationDraft draft(List<CsvRecordReader.CsvRecord> rows) {
        CsvRecordReader.CsvRecord first = rows.get(0);
        Map<String, String> fields = new HashMap<>();
        for (int c = 0; c < declarationColumns.length; c++) {
            fields.put(Columns.DECLARATION.get(c), value(first, declarationColumns[c]));
        }
        List<ItemDraft> items = new ArrayList<>();
        TreeSet<String> disagreeing = new TreeSet<>();
        StringBuilder raw = new StringBuilder();
        for (CsvRecordReader.CsvRecord row : rows) {
            Map<String, String> item = new HashMap<>();
            for (int c = 0; c < itemColumns.length; c++) {
                item.put(Columns.ITEM.get(c), value(row, itemColumns[c]));
            }
            items.add(new ItemDraft(row.firstLine(), item));
            for (int c = 0; row != first && c < declarationColumns.length; c++) {
                String column = Columns.DECLARATION.get(c);
                if (!value(row, declarationColumns[c]).equals(fields.get(column))) {
                    disagreeing.add(column);
                }
            }
            raw.append(raw.isEmpty() ? "" : "\n").append(row.raw());
        }
        List<Violation> problems = disagreeing.isEmpty() ? List.of() : List.of(new Violation(ReasonCode.INCONSISTENT_DECLARATION,
                "rows of declaration " + fields.get(Columns.DECLARATION_ID) + " disagree on " + String.join(", ", disagreeing),
                String.join(",", disagreeing)));
        SourcePosition position = new SourcePosition(source, first.firstLine(), rows.get(rows.size() - 1).lastLine());
        return new DeclarationDraft(position, raw.toString(), fields, items, problems);
    }

    private DeclarationDraft unreadable(CsvRecordReader.CsvRecord record) {
        String message = record.malformed() ? "line " + record.firstLine() + ": " + record.error()
                : "line " + record.firstLine() + ": " + record.fields().size() + " columns where the header has " + columns.size();
        return DeclarationDraft.unreadable(new SourcePosition(source, record.firstLine(), record.lastLine()), record.raw(),
                new Violation(ReasonCode.MALFORMED_CSV, message, null));
    }

    private void readHeader() throws IOException {
        CsvRecordReader.CsvRecord header = records.next();
        if (header == null || header.malformed()) {
            throw new IllegalArgumentException(source + ": no CSV header row" + (header == null ? "" : " (" + header.error() + ")"));
        }
        columns = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).trim().toLowerCase(Locale.ROOT).replace('\uFEFF', ' ').trim();
            columns.put(name, i);
            if (!Columns.ALL.contains(name)) {
                unknown.add(name);
            }
        }
        List<String> missing = Columns.ALL.stream()
                .filter(c -> !columns.containsKey(c) && !Columns.OPTIONAL.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": the header lacks required columns " + String.join(", ", missing));
        }
        declarationColumns = Columns.DECLARATION.stream().mapToInt(c -> columns.getOrDefault(c, -1)).toArray();
        itemColumns = Columns.ITEM.stream().mapToInt(c -> columns.getOrDefault(c, -1)).toArray();
        idColumn = columns.get(Columns.DECLARATION_ID);
        if (!unknown.isEmpty()) {
            log.warn("{}: ignoring unknown columns {}", source, String.join(", ", unknown));
        }
    }

    private static String value(CsvRecordReader.CsvRecord record, int index) {
        return index < 0 ? "" : record.fields().get(index).trim();
    }

    @Override
    public double progress() {
        return progress.fraction();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
