package org.customssentinel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The README's performance chart, one SVG with no script: on the left the full topology's throughput per number of
 * flows, on the right each ratio as a bar with its target marked.
 */
final class BenchChart {

    /** A bar: its label, its value, and the target line (null for none). */
    record Bar(String label, double value, Double target) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 380;
    private static final int TOP = 60;
    private static final int PLOT = 240;

    private BenchChart() {
    }

    static void write(Path file, String title, List<Bar> throughputByFlows, List<Bar> ratios) throws IOException {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(text(WIDTH / 2, 22, 15, "middle", "bold", title));
        panel(svg, 40, 420, "Full topology, declarations/s, by distinct flows (-Xmx1g)", throughputByFlows, "#3b6ea5", false);
        panel(svg, 520, 420, "Ratios (bar) and targets (line)", ratios, "#5a9e6f", true);
        svg.append("</svg>\n");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }

    private static void panel(StringBuilder svg, int left, int width, String caption, List<Bar> bars, String colour, boolean ratios) {
        svg.append(text(left + width / 2, TOP - 20, 13, "middle", "normal", caption));
        int baseY = TOP + PLOT;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, baseY, left + width, baseY));
        if (bars.isEmpty()) {
            svg.append(text(left + width / 2, TOP + PLOT / 2, 12, "middle", "normal", "not measured in this run"));
            return;
        }
        double max = bars.stream().mapToDouble(b -> Math.max(b.value(), b.target() == null ? 0 : b.target())).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        int slot = width / bars.size();
        int barWidth = Math.min(70, slot * 3 / 5);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int x = left + i * slot + (slot - barWidth) / 2;
            int h = (int) Math.round(bar.value() / max * PLOT);
            boolean short_ = bar.target() != null && bar.value() < bar.target();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x, baseY - h, barWidth, h, ratios && short_ ? "#c0504d" : colour));
            String label = ratios ? String.format(Locale.ROOT, "%.2f", bar.value()) : Figures.number(bar.value());
            svg.append(text(x + barWidth / 2, baseY - h - 5, 11, "middle", "normal", label));
            if (bar.target() != null) {
                int ty = baseY - (int) Math.round(bar.target() / max * PLOT);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\" "
                        + "stroke-dasharray=\"4 2\"/>%n", x - 6, ty, x + barWidth + 6, ty));
            }
            String[] words = bar.label().split("\n");
            for (int w = 0; w < words.length; w++) {
                svg.append(text(x + barWidth / 2, baseY + 16 + 14 * w, 11, "middle", "normal", words[w]));
            }
        }
    }

    private static String text(int x, int y, int size, String anchor, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, size, anchor, weight, escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
