package org.customssentinel.backtest.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.RiskLane;
import org.customssentinel.backtest.BacktestResult;
import org.customssentinel.backtest.BacktestRun;
import org.customssentinel.backtest.FiredAlert;
import org.customssentinel.backtest.ResultsJson;
import org.customssentinel.backtest.Scorecard;
import org.customssentinel.backtest.ScoredResult;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.detect.Rules;
import org.customssentinel.streams.flow.FlowKeys;

/**
 * The backtest as one self-contained HTML page an analyst can mail: inline CSS and SVG, no script, nothing fetched.
 * The settings table (best marked), precision against recall across the settings, each labelled anomaly's flow
 * (window totals against baseline and threshold, alerts marked) and alerts per rule per month, for the best setting
 * (the only one, or the first, without labels).
 */
public final class BacktestReport {

    private static final List<String> RULES = Rules.ids();
    private static final Duration CONTEXT_BEFORE = Duration.ofDays(7 * 26);
    private static final Duration CONTEXT_AFTER = Duration.ofDays(7 * 8);

    private BacktestReport() {
    }

    public static String html(BacktestRun run) {
        Optional<ScoredResult> best = ScoredResult.best(run.results());
        ScoredResult shown = best.orElse(run.results().get(0));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Customs Sentinel backtest</title><style>")
                .append(CSS).append(ruleColours()).append("</style></head><body>");
        html.append("<h1>Customs Sentinel backtest</h1>");
        html.append("<p class=\"input\">").append(Html.escape(String.format(Locale.ROOT,
                "%,d declarations from %s (%,d rejected by the validator); %d input partitions; %d setting(s); %d labelled anomalies.",
                run.input().declarations().size(), String.join(", ", run.files()), run.input().rejected(), run.partitions(),
                run.results().size(), run.labels().size()))).append("</p>");
        settingsTable(html, run, best);
        confirmedCasesMissed(html, run);
        if (!run.labels().isEmpty()) {
            html.append("<h2>Precision and recall across the settings</h2>");
            html.append(precisionRecall(run, best));
        }
        String setting = Html.escape(shown.result().setting().name());
        if (!run.labels().isEmpty()) {
            html.append("<h2>Labelled anomalies under ").append(best.isPresent() ? "the best setting" : "the setting")
                    .append(" (").append(setting).append(")</h2><div class=\"labels\">");
            for (AnomalyLabel label : run.labels()) {
                html.append(labelFigure(label, shown));
            }
            html.append("</div>");
        }
        html.append("<h2>FINAL alerts per rule per month (").append(setting).append(")</h2>");
        html.append(alertsPerMonth(shown));
        html.append("<p class=\"legend\">").append(legend()).append("</p>");
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void settingsTable(StringBuilder html, BacktestRun run, Optional<ScoredResult> best) {
        boolean scored = !run.labels().isEmpty() && run.results().get(0).score().isPresent();
        html.append("<h2>Settings</h2><table><thead><tr><th>Setting</th><th>Declarations</th><th>Rejected</th><th>FINAL</th>");
        // Spaces, not underscores, so the long rule names wrap and the table fits a laptop screen.
        RULES.forEach(rule -> html.append("<th>").append(rule.replace('_', ' ')).append("</th>"));
        if (scored) {
            html.append("<th>Precision</th><th>Recall</th><th>TP</th><th>FP</th><th>Missed</th><th>Median delay</th>");
        }
        html.append("<th>GREEN</th><th>YELLOW</th><th>ORANGE</th><th>RED</th><th>Declarations/s</th></tr></thead><tbody>");
        for (ScoredResult scoredResult : run.results()) {
            BacktestResult r = scoredResult.result();
            boolean isBest = best.filter(b -> b == scoredResult).isPresent();
            html.append("<tr").append(isBest ? " class=\"best\"" : "").append("><td>").append(isBest ? "&#9733; " : "")
                    .append(Html.escape(r.setting().name())).append("</td>");
            cell(html, String.format(Locale.ROOT, "%,d", r.declarations()));
            cell(html, String.format(Locale.ROOT, "%,d", r.rejected()));
            cell(html, String.valueOf(r.finals().size()));
            Map<String, Long> byRule = r.finalsBy(a -> AlertRules.idOf(a.alert()));
            RULES.forEach(rule -> cell(html, String.valueOf(byRule.getOrDefault(rule, 0L))));
            scoredResult.score().ifPresent(s -> {
                cell(html, String.format(Locale.ROOT, "%.2f", s.precision()));
                cell(html, String.format(Locale.ROOT, "%.2f", s.recall()));
                cell(html, String.valueOf(s.truePositives()));
                cell(html, String.valueOf(s.falsePositives()));
                cell(html, String.valueOf(s.missed().size()));
                cell(html, s.medianDelay().map(BacktestReport::days).orElse("-"));
            });
            for (RiskLane lane : RiskLane.values()) {
                cell(html, String.format(Locale.ROOT, "%.1f%%", 100 * r.laneShare(lane)));
            }
            cell(html, String.format(Locale.ROOT, "%,.0f", r.declarationsPerSecond()));
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (best.isPresent()) {
            html.append("<p class=\"note\">&#9733; best: highest F1 of precision and recall, then fewest false positives, then shortest median delay.</p>");
        }
        html.append("<p class=\"note\">GREEN to RED: the share of declarations scored into each risk lane, what ops would be sent to check.</p>");
    }

    /** With ops' verdicts as labels: per setting, the cases ops confirmed that it would raise no alert for. */
    private static void confirmedCasesMissed(StringBuilder html, BacktestRun run) {
        if (run.labels().stream().noneMatch(label -> label.verdict() == AnomalyLabel.Verdict.CONFIRMED)) {
            return;
        }
        html.append("<h2>Confirmed cases a setting would no longer raise</h2>");
        for (ScoredResult result : run.results()) {
            List<AnomalyLabel> missed = result.score().map(Scorecard::missedConfirmed).orElse(List.of());
            int unjudged = result.score().map(Scorecard::unjudged).orElse(0);
            html.append("<h3>").append(Html.escape(result.result().setting().name())).append(": ")
                    .append(missed.isEmpty() ? "raises every confirmed case" : missed.size() + " confirmed case(s) missed")
                    .append(unjudged == 0 ? "" : " &middot; " + unjudged + " alert(s) ops never judged").append("</h3>");
            if (!missed.isEmpty()) {
                html.append("<ul class=\"missed\">");
                for (AnomalyLabel label : missed) {
                    html.append("<li><b>").append(Html.escape(label.flow().replace('|', ' '))).append("</b> ")
                            .append(Html.escape(String.join(", ", label.rules()))).append(", weeks ").append(label.firstWindow())
                            .append(" to ").append(label.lastWindow()).append(": ").append(Html.escape(label.description())).append("</li>");
                }
                html.append("</ul>");
            }
        }
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td class=\"num\">").append(Html.escape(text)).append("</td>");
    }

    private static String precisionRecall(BacktestRun run, Optional<ScoredResult> best) {
        int h = 340;
        Svg svg = Svg.framed("precision-recall", 460, h, 50, 20, 20, 50);
        Svg.Plot p = svg.plot();
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            svg.line(p.x(f), p.y(1), p.x(f), p.y(0), "grid");
            svg.line(p.x(0), p.y(f), p.x(1), p.y(f), "grid");
            svg.text(p.x(f), p.bottom() + 16, "middle", "tick", String.format(Locale.ROOT, "%.2f", f));
            svg.text(p.left() - 6, p.y(f) + 4, "end", "tick", String.format(Locale.ROOT, "%.2f", f));
        }
        svg.text(p.x(0.5), h - 8, "middle", "axis", "recall (labelled anomalies detected)");
        svg.text(14, p.y(0.5), "middle", "axis vertical", "precision");
        for (ScoredResult r : run.results()) {
            Scorecard s = r.score().orElseThrow();
            boolean isBest = best.filter(b -> b == r).isPresent();
            svg.circle(p.x(s.recall()), p.y(s.precision()), isBest ? 7 : 5, isBest ? "point best" : "point",
                    String.format(Locale.ROOT, "%s: precision %.2f, recall %.2f, %d alerts", r.result().setting().name(), s.precision(),
                            s.recall(), s.alerts()));
        }
        return svg.render();
    }

    private static String labelFigure(AnomalyLabel label, ScoredResult shown) {
        BacktestResult result = shown.result();
        // A route's own windows are not published: its bars are the trade flow it moves in.
        List<FlowWindow> windows = result.windows().getOrDefault(label.tradeFlow(), List.of());
        Instant labelStart = label.firstWindow().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant labelEnd = label.lastWindow().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(7));
        Instant from = labelStart.minus(CONTEXT_BEFORE);
        Instant to = labelEnd.plus(CONTEXT_AFTER);
        List<FlowWindow> shownWindows = windows.stream()
                .filter(wdw -> !wdw.getWindowStart().isBefore(from) && wdw.getWindowStart().isBefore(to)).toList();
        List<FiredAlert> alerts = result.finals().stream().filter(a -> FlowKeys.key(a.alert().getFlow()).equals(label.flow())
                && !a.alert().getWindowStart().isBefore(from) && a.alert().getWindowStart().isBefore(to)).toList();
        double spikeRatio = result.setting().rules().standard().spikeRatio();
        // Scaled to the figures themselves: the threshold, ten times the baseline, would flatten every bar; it is
        // clipped at the top instead.
        double max = 1;
        for (FlowWindow wdw : shownWindows) {
            max = Math.max(max, wdw.getTotalValueUsd().doubleValue());
            if (wdw.getBaselineValueUsd() != null) {
                max = Math.max(max, wdw.getBaselineValueUsd().doubleValue() * 2);
            }
        }
        int h = 210;
        double span = Duration.between(from, to).toMillis();
        double yMax = max * 1.05;
        Svg svg = Svg.framed("label " + label.flow() + " " + label.firstWindow(), 460, h, 64, 12, 12, 30);
        Svg.Plot p = svg.plot();
        svg.rect(p.x(x(labelStart, from, span)), p.y(1), p.x(x(labelEnd, from, span)) - p.x(x(labelStart, from, span)), p.height(),
                "labelled", "labelled: " + label.firstWindow() + " to " + label.lastWindow());
        double barW = Math.max(1, p.width() * Duration.ofDays(7).toMillis() / span - 1);
        StringBuilder baseline = new StringBuilder();
        StringBuilder threshold = new StringBuilder();
        for (FlowWindow wdw : shownWindows) {
            double x = p.x(x(wdw.getWindowStart(), from, span));
            double value = wdw.getTotalValueUsd().doubleValue();
            svg.rect(x, p.y(value / yMax), barW, p.bottom() - p.y(value / yMax), "bar",
                    wdw.getWindowStart().toString().substring(0, 10) + ": $" + money(wdw.getTotalValueUsd())
                            + (wdw.getBaselineValueUsd() == null ? "" : ", baseline $" + money(wdw.getBaselineValueUsd())));
            if (wdw.getBaselineValueUsd() != null) {
                double b = wdw.getBaselineValueUsd().doubleValue();
                baseline.append(baseline.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x + barW / 2, p.y(b / yMax)));
                threshold.append(threshold.isEmpty() ? "M" : "L")
                        .append(String.format(Locale.ROOT, "%.1f %.1f", x + barW / 2, p.y(Math.min(yMax, b * spikeRatio) / yMax)));
            }
        }
        svg.path(baseline.toString(), "baseline");
        svg.path(threshold.toString(), "threshold");
        for (FiredAlert alert : alerts) {
            double x = p.x(x(alert.alert().getWindowStart(), from, span)) + barW / 2;
            svg.circle(x, p.top() + 8 + 7 * RULES.indexOf(AlertRules.idOf(alert.alert())), 4, "alert " + AlertRules.idOf(alert.alert()).toLowerCase(Locale.ROOT),
                    AlertRules.idOf(alert.alert()) + " " + alert.alert().getSeverity() + ": " + alert.alert().getSummary());
        }
        svg.text(p.left() - 6, p.top() + 10, "end", "tick", "$" + compact(yMax));
        svg.text(p.left() - 6, p.bottom(), "end", "tick", "$0");
        svg.text(p.x(0), h - 8, "start", "tick", from.toString().substring(0, 10));
        svg.text(p.x(1), h - 8, "end", "tick", to.toString().substring(0, 10));
        Optional<Duration> delay = shown.score().flatMap(s -> s.delays().getOrDefault(label, Optional.empty()));
        String status = !label.isCase() ? "dismissed by ops: a false positive where raised"
                : shown.score().isEmpty() ? "" : delay.map(d -> "detected after " + days(d)).orElse("missed");
        return "<figure class=\"label\"><figcaption><b>" + Html.escape(label.flow().replace('|', ' ')) + "</b> "
                + Html.escape(String.join(", ", label.rules())) + " &middot; " + Html.escape(status) + "<br>"
                + Html.escape(label.description()) + (windows.isEmpty() ? " <i>(no windows: the flow never appeared)</i>" : "")
                + (label.origin() == null ? "" : " <i>(bars: the whole " + Html.escape(label.tradeFlow().replace('|', ' ')) + " flow)</i>")
                + "</figcaption>" + svg.render() + "</figure>";
    }

    private static String alertsPerMonth(ScoredResult shown) {
        NavigableMap<YearMonth, Map<String, Long>> months = shown.finalsByMonthAndRule();
        int h = 240;
        Svg svg = Svg.framed("alerts-per-month", 940, h, 44, 12, 12, 34);
        Svg.Plot p = svg.plot();
        if (months.isEmpty()) {
            svg.text(p.x(0.5), p.y(0.5), "middle", "axis", "no FINAL alerts");
            return svg.render();
        }
        List<YearMonth> axis = new ArrayList<>();
        for (YearMonth m = months.firstKey(); !m.isAfter(months.lastKey()); m = m.plusMonths(1)) {
            axis.add(m);
        }
        long max = months.values().stream().mapToLong(rules -> rules.values().stream().mapToLong(Long::longValue).sum()).max().orElse(1);
        double slot = p.width() / axis.size();
        for (int i = 0; i < axis.size(); i++) {
            YearMonth month = axis.get(i);
            Map<String, Long> rules = months.getOrDefault(month, Map.of());
            double y = p.bottom();
            for (String rule : RULES) {
                long count = rules.getOrDefault(rule, 0L);
                if (count > 0) {
                    double barH = count / (double) max * p.height();
                    y -= barH;
                    svg.rect(p.left() + i * slot + 1, y, slot - 2, barH, "stack " + rule.toLowerCase(Locale.ROOT), month + " " + rule + ": " + count);
                }
            }
            if (month.getMonthValue() == 1 || i == 0) {
                svg.text(p.left() + i * slot, h - 14, "start", "tick", month.toString());
            }
        }
        svg.text(p.left() - 6, p.top() + 10, "end", "tick", String.valueOf(max));
        svg.text(p.left() - 6, p.bottom(), "end", "tick", "0");
        return svg.render();
    }

    private static String legend() {
        StringBuilder legend = new StringBuilder();
        for (String rule : RULES) {
            legend.append("<span class=\"key ").append(rule.toLowerCase(Locale.ROOT)).append("\"></span>").append(rule).append(" ");
        }
        return legend + "&middot; bars: a window's total value; solid line: its baseline (median of earlier windows); dashed: the"
                + " standard spike threshold (baseline &times; rules.spike.ratio; a list's own ratio may differ); shaded: the labelled weeks.";
    }

    private static double x(Instant t, Instant from, double span) {
        return Math.max(0, Math.min(1, Duration.between(from, t).toMillis() / span));
    }

    private static String days(Duration d) {
        return ResultsJson.days(d) + " days";
    }

    private static String money(BigDecimal value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String compact(double value) {
        return value >= 1e6 ? String.format(Locale.ROOT, "%.1fM", value / 1e6) : value >= 1e3 ? String.format(Locale.ROOT, "%.0fk", value / 1e3)
                : String.format(Locale.ROOT, "%.0f", value);
    }

    /** One colour per rule, in {@link Rules}' order: a rule added later takes the next. */
    private static final List<String> COLOURS = List.of("#c0392b", "#16a085", "#8e44ad", "#d35400", "#2c3e50", "#b7950b", "#2e86c1",
            "#7f8c8d", "#27ae60", "#e84393");

    private static String ruleColours() {
        StringBuilder css = new StringBuilder();
        for (int i = 0; i < RULES.size(); i++) {
            String rule = RULES.get(i).toLowerCase(Locale.ROOT);
            css.append('.').append(rule).append(",.alert.").append(rule).append("{fill:").append(COLOURS.get(i % COLOURS.size())).append('}');
        }
        return css.append('\n').toString();
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2733;background:#fff}
            h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:26px 0 8px}
            table{border-collapse:collapse;font-size:13px}th,td{border-bottom:1px solid #dde3ea;padding:4px 8px;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}tr.best{background:#fff6d6;font-weight:600}
            .note,.input,.legend{color:#4a5868;font-size:13px}
            .labels{display:flex;flex-wrap:wrap;gap:14px}figure.label{margin:0;width:460px}figcaption{font-size:12px;min-height:34px}
            svg.chart{display:block;overflow:visible}.frame{fill:#fafbfc;stroke:#c9d2dc}.grid{stroke:#e6ebf0}
            .tick{font-size:10px;fill:#5b6877}.axis{font-size:12px;fill:#33404d}.vertical{writing-mode:vertical-rl}
            .point{fill:#3a78c2;stroke:#fff}.point.best{fill:#e0a100}
            .bar{fill:#8fb3d9}.baseline{fill:none;stroke:#1d2733;stroke-width:1.5}.threshold{fill:none;stroke:#c0392b;stroke-dasharray:4 3}
            .labelled{fill:#ffe9a8;opacity:.6}
            .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;border-radius:2px}
            """;
}
