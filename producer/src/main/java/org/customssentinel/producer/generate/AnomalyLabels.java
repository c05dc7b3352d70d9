package org.customssentinel.producer.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.customssentinel.producer.read.CsvRecordReader;
import org.customssentinel.producer.write.CsvDeclarationWriter;

/**
 * Label files: CSV with a header ({@code dispatch,destination,hs_code,first_window,last_window,rules,description,origin[,verdict]},
 * rules separated by {@code |}, origin empty except for a TRANSSHIPMENT route; files without the origin column read as
 * before; verdict CONFIRMED or DISMISSED for alerts ops judged, as {@code sentinel dispositions export} writes them,
 * empty for a planted anomaly) or JSON Lines with the same names ({@code rules} an array, {@code origin} and
 * {@code verdict} optional), by extension ({@code .json}, {@code .jsonl}, {@code .ndjson}; anything else is CSV).
 * Analysts may write their own.
 */
public final class AnomalyLabels {

    static final List<String> COLUMNS = List.of("dispatch", "destination", "hs_code", "first_window", "last_window", "rules", "description",
            "origin");
    /** The columns before routes had labels. */
    private static final List<String> FLOW_COLUMNS = COLUMNS.subList(0, COLUMNS.size() - 1);
    /** With ops' verdicts. */
    static final List<String> VERDICT_COLUMNS = Stream.concat(COLUMNS.stream(), Stream.of("verdict")).toList();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AnomalyLabels() {
    }

    public static void write(Path file, List<AnomalyLabel> labels) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            if (isJson(file)) {
                for (AnomalyLabel label : labels) {
                    ObjectNode node = JSON.createObjectNode().put("dispatch", label.dispatch()).put("destination", label.destination())
                            .put("hs_code", label.hsCode()).put("first_window", label.firstWindow().toString())
                            .put("last_window", label.lastWindow().toString());
                    label.rules().forEach(node.putArray("rules")::add);
                    node.put("description", label.description());
                    if (label.origin() != null) {
                        node.put("origin", label.origin());
                    }
                    if (label.verdict() != AnomalyLabel.Verdict.PLANTED) {
                        node.put("verdict", label.verdict().name());
                    }
                    out.write(JSON.writeValueAsString(node) + "\n");
                }
            } else {
                boolean judged = labels.stream().anyMatch(label -> label.verdict() != AnomalyLabel.Verdict.PLANTED);
                out.write(String.join(",", judged ? VERDICT_COLUMNS : COLUMNS) + "\n");
                for (AnomalyLabel label : labels) {
                    out.write(String.join(",", label.dispatch(), label.destination(), label.hsCode(), label.firstWindow().toString(),
                            label.lastWindow().toString(), String.join("|", label.rules()), CsvDeclarationWriter.quote(label.description()),
                            label.origin() == null ? "" : label.origin())
                            + (judged ? "," + (label.verdict() == AnomalyLabel.Verdict.PLANTED ? "" : label.verdict().name()) : "") + "\n");
                }
            }
        }
    }

    /** Every label in {@code file}; a bad line is an error naming the file and line. */
    public static List<AnomalyLabel> read(Path file) throws IOException {
        List<AnomalyLabel> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            if (isJson(file)) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        JsonNode node = JSON.readTree(line);
                        List<String> rules = new ArrayList<>();
                        node.path("rules").forEach(rule -> rules.add(rule.asText()));
                        labels.add(label(text(node, "dispatch"), text(node, "destination"), text(node, "hs_code"), text(node, "first_window"),
                                text(node, "last_window"), rules, node.path("description").asText(""), node.path("origin").asText(""),
                                node.path("verdict").asText("")));
                    } catch (IOException | RuntimeException e) {
                        throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
                    }
                }
            } else {
                CsvRecordReader csv = new CsvRecordReader(in, true);
                CsvRecordReader.CsvRecord header = csv.next();
                List<String> columns = header == null ? List.of() : header.fields().stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
                if (!columns.equals(COLUMNS) && !columns.equals(FLOW_COLUMNS) && !columns.equals(VERDICT_COLUMNS)) {
                    throw new IOException(file + ": expected the header " + String.join(",", COLUMNS)
                            + " (origin may be left out), or it and ,verdict");
                }
                CsvRecordReader.CsvRecord record;
                while ((record = csv.next()) != null) {
                    try {
                        if (record.malformed()) {
                            throw new IllegalArgumentException(record.error());
                        }
                        List<String> f = record.fields();
                        if (f.size() != columns.size()) {
                            throw new IllegalArgumentException("expected " + columns.size() + " fields, found " + f.size());
                        }
                        labels.add(label(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4),
                                Arrays.stream(f.get(5).split("\\|")).map(String::trim).filter(r -> !r.isEmpty()).toList(), f.get(6),
                                f.size() > 7 ? f.get(7) : "", f.size() > 8 ? f.get(8) : ""));
                    } catch (RuntimeException e) {
                        throw new IOException(file + " line " + record.firstLine() + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        return labels;
    }

    private static AnomalyLabel label(String dispatch, String destination, String hs, String first, String last, List<String> rules,
                                      String description, String origin, String verdict) {
        try {
            return new AnomalyLabel(dispatch.trim().toUpperCase(Locale.ROOT), destination.trim().toUpperCase(Locale.ROOT), hs.trim(),
                    LocalDate.parse(first.trim()), LocalDate.parse(last.trim()), rules, description, origin.trim().toUpperCase(Locale.ROOT),
                    verdict(verdict));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a window must be a date like 2022-09-15: " + e.getParsedString());
        }
    }

    private static AnomalyLabel.Verdict verdict(String spelled) {
        String verdict = spelled.trim().toUpperCase(Locale.ROOT);
        if (verdict.isEmpty()) {
            return AnomalyLabel.Verdict.PLANTED;
        }
        if (verdict.equals("CONFIRMED") || verdict.equals("DISMISSED")) {
            return AnomalyLabel.Verdict.valueOf(verdict);
        }
        throw new IllegalArgumentException("verdict must be CONFIRMED, DISMISSED or empty, was '" + spelled.trim() + "'");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value.asText();
    }

    private static boolean isJson(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }
}
