package org.customssentinel.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one bench run measured, in the order measured: rates and sizes ({@code bench NAME VALUE UNIT}) and ratios
 * against baselines of the same run ({@code ratio NAME VALUE}), some with the target the issue set for them.
 */
final class Figures {

    /** {@code target}: the least (or, when {@code atMost}, the most) value wanted; null when none is set. */
    record Figure(String kind, String name, double value, String unit, String what, Double target, boolean atMost) {

        Optional<Boolean> met() {
            return target == null ? Optional.empty() : Optional.of(atMost ? value <= target : value >= target);
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    /** Prints its line at once, so a long run shows progress and a failed one keeps what it had. */
    void bench(PrintWriter out, String name, double value, String unit, String what) {
        add(out, new Figure("bench", name, value, unit, what, null, false));
    }

    void ratio(PrintWriter out, String name, double value, String what, Double target) {
        add(out, new Figure("ratio", name, value, "", what, target, false));
    }

    void benchAtMost(PrintWriter out, String name, double value, String unit, String what, double target) {
        add(out, new Figure("bench", name, value, unit, what, target, true));
    }

    void context(String key, Object value) {
        context.put(key, value);
    }

    private void add(PrintWriter out, Figure figure) {
        figures.add(figure);
        out.println(figure.kind().equals("ratio")
                ? String.format(Locale.ROOT, "ratio %s %.3f", figure.name(), figure.value())
                : String.format(Locale.ROOT, "bench %s %s %s", figure.name(), number(figure.value()), figure.unit()));
        out.flush();
    }

    Optional<Figure> get(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    List<Figure> all() {
        return List.copyOf(figures);
    }

    /** One table: what, value, unit, target and whether it is met. */
    void printTable(PrintWriter out) {
        int width = figures.stream().mapToInt(f -> f.what().length()).max().orElse(10);
        String format = "%-" + width + "s  %14s  %-14s  %s%n";
        out.printf(format, "figure", "value", "unit", "target");
        for (Figure f : figures) {
            String target = f.target() == null ? ""
                    : (f.atMost() ? "<= " : ">= ") + number(f.target()) + (f.met().orElseThrow() ? "  met" : "  NOT met");
            out.printf(Locale.ROOT, format, f.what(), f.kind().equals("ratio") ? String.format(Locale.ROOT, "%.3f", f.value()) : number(f.value()),
                    f.kind().equals("ratio") ? "ratio" : f.unit(), target);
        }
        out.flush();
    }

    void writeJson(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", f.kind());
            row.put("name", f.name());
            row.put("value", f.value());
            row.put("unit", f.unit());
            row.put("what", f.what());
            if (f.target() != null) {
                row.put("target", f.target());
                row.put("targetIs", f.atMost() ? "at most" : "at least");
                row.put("met", f.met().orElseThrow());
            }
            rows.add(row);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("context", context);
        document.put("figures", rows);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    static String number(double value) {
        if (value != 0 && Math.abs(value) < 10) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
