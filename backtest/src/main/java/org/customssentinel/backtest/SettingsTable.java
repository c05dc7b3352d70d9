package org.customssentinel.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.RiskLane;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.detect.Rules;

/** One line per setting: what it raised and, with labels, how well; the best setting marked with a star. */
public final class SettingsTable {

    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");

    private SettingsTable() {
    }

    /** Each setting's share of declarations per risk lane: what ops would be sent to check. */
    static List<String> laneLines(BacktestRun run, int nameWidth) {
        List<String> lines = new ArrayList<>();
        String format = "  %-" + nameWidth + "s %7s %7s %7s %7s";
        lines.add(String.format(Locale.ROOT, format, "LANES", "GREEN", "YELLOW", "ORANGE", "RED") + "  (share of the declarations scored)");
        for (ScoredResult scoredResult : run.results()) {
            BacktestResult r = scoredResult.result();
            List<Object> cells = new ArrayList<>(List.of(r.setting().name()));
            for (RiskLane lane : RiskLane.values()) {
                cells.add(String.format(Locale.ROOT, "%.1f%%", 100 * r.laneShare(lane)));
            }
            lines.add(String.format(Locale.ROOT, format, cells.toArray()));
        }
        return lines;
    }

    public static List<String> lines(BacktestRun run) {
        boolean scored = run.results().stream().anyMatch(r -> r.score().isPresent());
        int nameWidth = Math.max(7, run.results().stream().mapToInt(r -> r.result().setting().name().length()).max().orElse(7));
        Optional<ScoredResult> best = ScoredResult.best(run.results());
        List<String> lines = new ArrayList<>();
        String ruleColumns = " %6s".repeat(Rules.all().size());
        String format = "%-2s%-" + nameWidth + "s %9s %8s %6s" + ruleColumns + "  %5s %5s %5s %5s";
        List<Object> header = new ArrayList<>(List.of("", "SETTING", "DECL", "REJECTED", "FINAL"));
        Rules.all().forEach(rule -> header.add(rule.label()));
        header.addAll(List.of("CRIT", "HIGH", "MED", "LOW"));
        lines.add(String.format(Locale.ROOT, format, header.toArray()) + (scored ? String.format(Locale.ROOT, " %6s %6s %4s %4s %6s %10s", "PREC", "RECALL",
                "TP", "FP", "MISSED", "DELAY(med)") : "") + String.format(Locale.ROOT, " %9s", "DECL/S"));
        for (ScoredResult scoredResult : run.results()) {
            BacktestResult r = scoredResult.result();
            Map<String, Long> byRule = r.finalsBy(a -> AlertRules.idOf(a.alert()));
            Map<String, Long> bySeverity = r.finalsBy(a -> a.alert().getSeverity().name());
            List<Object> cells = new ArrayList<>(List.of(best.filter(b -> b == scoredResult).isPresent() ? "*" : "", r.setting().name(),
                    String.format(Locale.ROOT, "%,d", r.declarations()), String.format(Locale.ROOT, "%,d", r.rejected()), r.finals().size()));
            Rules.ids().forEach(rule -> cells.add(byRule.getOrDefault(rule, 0L)));
            SEVERITIES.forEach(severity -> cells.add(bySeverity.getOrDefault(severity, 0L)));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, format, cells.toArray()));
            scoredResult.score().ifPresent(s -> line.append(String.format(Locale.ROOT, " %6.2f %6.2f %4d %4d %6d %10s", s.precision(), s.recall(),
                    s.truePositives(), s.falsePositives(), s.missed().size(),
                    s.medianDelay().map(d -> String.format(Locale.ROOT, "%.1f d", ResultsJson.days(d))).orElse("-"))));
            line.append(String.format(Locale.ROOT, " %,9.0f", r.declarationsPerSecond()));
            lines.add(line.toString());
        }
        if (best.isPresent()) {
            lines.add("* best: highest F1 of precision and recall, then fewest false positives, then shortest median delay");
        }
        lines.addAll(laneLines(run, nameWidth));
        for (ScoredResult scoredResult : run.results()) {
            scoredResult.score().ifPresent(s -> {
                if (s.unjudged() > 0 || !s.missedConfirmed().isEmpty()) {
                    lines.add(String.format(Locale.ROOT, "%s: %d alert(s) ops never judged (precision is over the judged ones); %s",
                            scoredResult.result().setting().name(), s.unjudged(), s.missedConfirmed().isEmpty() ? "raises every confirmed case"
                                    : "would no longer raise " + s.missedConfirmed().size() + " confirmed case(s): " + String.join(", ",
                                    s.missedConfirmed().stream().map(l -> l.flow() + " " + l.firstWindow()).toList())));
                }
            });
        }
        return lines;
    }
}
