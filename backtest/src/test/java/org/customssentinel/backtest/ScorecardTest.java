package org.customssentinel.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.generate.AnomalyLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring against a hand-made label file whose answer is worked out by hand below. */
class ScorecardTest {

    private static final BacktestSetting WEEKLY = BacktestSetting.of(Map.of(), Map.of());

    @TempDir
    Path dir;

    @Test
    void shouldScoreAlertsAgainstAHandMadeLabelFile() throws Exception {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, """
                dispatch,destination,hs_code,first_window,last_window,rules,description
                HK,RU,854231,2022-09-15,2022-09-15,SPIKE|WATCHLIST_HIT,"a burst, one week"
                CN,RU,845811,2023-06-01,2023-07-27,SURGE,a rise over two months
                AM,RU,854239,2022-03-31,2022-12-29,NEW_CONTROLLED_FLOW,never caught
                """);
        List<AnomalyLabel> labels = AnomalyLabels.read(file);
        BacktestResult result = result(
                // Label 1: a PROVISIONAL then its FINAL (one alert), raised a day into the week.
                fired("a1", AlertRule.SPIKE, AlertStatus.PROVISIONAL, "HK", "854231", "2022-09-15", "2022-09-16T10:00:00Z"),
                fired("a1", AlertRule.SPIKE, AlertStatus.FINAL, "HK", "854231", "2022-09-15", "2022-09-23T01:00:00Z"),
                // Label 1 again, another rule: a true positive whatever its rule.
                fired("a2", AlertRule.WATCHLIST_HIT, AlertStatus.FINAL, "HK", "854231", "2022-09-15", "2022-09-17T00:00:00Z"),
                // Label 2: in its last window; raised 60 days after its start.
                fired("a3", AlertRule.SURGE, AlertStatus.FINAL, "CN", "RU", "845811", "2023-07-27", "2023-07-31T00:00:00Z"),
                // The labelled flow a week after its last window: a false positive.
                fired("a4", AlertRule.SURGE, AlertStatus.FINAL, "CN", "RU", "845811", "2023-08-03", "2023-08-05T00:00:00Z"),
                // Another flow entirely: a false positive.
                fired("a5", AlertRule.SPIKE, AlertStatus.FINAL, "TR", "848210", "2023-05-11", "2023-05-19T00:00:00Z"));

        Scorecard score = Scorecard.of(result, labels);

        assertEquals(5, score.alerts(), "a1 is one alert, PROVISIONAL and FINAL");
        assertEquals(3, score.truePositives());
        assertEquals(2, score.falsePositives());
        assertEquals(0.6, score.precision(), 1e-9);
        assertEquals(2, score.detected());
        assertEquals(2 / 3.0, score.recall(), 1e-9);
        assertEquals(List.of(labels.get(2)), score.missed());
        assertEquals(Optional.of(Duration.ofHours(34)), score.delays().get(labels.get(0)), "from the week's start to a1's PROVISIONAL");
        assertEquals(Optional.of(Duration.ofDays(60)), score.delays().get(labels.get(1)));
        assertEquals(Optional.of(Duration.ofHours(34).plus(Duration.ofDays(60)).dividedBy(2)), score.medianDelay());
        assertEquals(2 * 0.6 * (2 / 3.0) / (0.6 + 2 / 3.0), score.f1(), 1e-9);
    }

    @Test
    void shouldCountEveryAlertAsFalseWhenNothingWasPlanted() {
        BacktestResult result = result(fired("a1", AlertRule.SPIKE, AlertStatus.FINAL, "HK", "854231", "2022-09-15", "2022-09-23T00:00:00Z"));
        Scorecard score = Scorecard.of(result, List.of());
        assertEquals(0.0, score.precision());
        assertEquals(1.0, score.recall(), "nothing to find, nothing missed");
        assertTrue(score.medianDelay().isEmpty());
    }

    @Test
    void shouldReadTheLabelsItWritesAsCsvAndAsJsonLines() throws Exception {
        List<AnomalyLabel> labels = List.of(new AnomalyLabel("CN", "RU", "845811", java.time.LocalDate.parse("2023-06-01"),
                java.time.LocalDate.parse("2023-12-28"), List.of("SURGE"), "lathes, \"CNC\", tenfold"),
                new AnomalyLabel("KZ", "RU", "854231", java.time.LocalDate.parse("2022-02-24"), java.time.LocalDate.parse("2023-12-28"),
                        List.of("TRANSSHIPMENT"), "German chips through Kazakhstan", "DE"));
        for (String name : List.of("labels.csv", "labels.jsonl")) {
            AnomalyLabels.write(dir.resolve(name), labels);
            assertEquals(labels, AnomalyLabels.read(dir.resolve(name)), name);
        }
    }

    @Test
    void shouldMatchARouteLabelOnlyWithAlertsOnThatRoute() throws Exception {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, """
                dispatch,destination,hs_code,first_window,last_window,rules,description,origin
                KZ,RU,854231,2022-03-03,2022-12-29,TRANSSHIPMENT,German chips through Kazakhstan,DE
                """);
        List<AnomalyLabel> labels = AnomalyLabels.read(file);
        FiredAlert onRoute = fired("r1", AlertRule.TRANSSHIPMENT, AlertStatus.FINAL, "KZ", "854231", "2022-03-03", "2022-03-11T00:00:00Z");
        onRoute.alert().getFlow().setOriginCountry("DE");
        FiredAlert otherOrigin = fired("r2", AlertRule.TRANSSHIPMENT, AlertStatus.FINAL, "KZ", "854231", "2022-03-03", "2022-03-11T00:00:00Z");
        otherOrigin.alert().getFlow().setOriginCountry("JP");
        FiredAlert tradeFlow = fired("f1", AlertRule.SPIKE, AlertStatus.FINAL, "KZ", "854231", "2022-03-03", "2022-03-11T00:00:00Z");

        Scorecard score = Scorecard.of(result(onRoute, otherOrigin, tradeFlow), labels);

        assertEquals("KZ|RU|854231|DE", labels.get(0).flow());
        assertEquals(1, score.truePositives(), "only the alert on the German route");
        assertEquals(2, score.falsePositives(), "the Japanese route and the whole Kazakh flow are other things");
    }

    @Test
    void shouldScoreAgainstOpsVerdictsOverTheJudgedAlertsOnly() throws Exception {
        Path file = dir.resolve("verdicts.csv");
        Files.writeString(file, """
                dispatch,destination,hs_code,first_window,last_window,rules,description,origin,verdict
                HK,RU,854231,2022-09-15,2022-09-15,SPIKE,alert a1 confirmed by alice,,CONFIRMED
                TR,RU,848210,2023-05-11,2023-05-11,SPIKE,alert a5 dismissed by alice,,dismissed
                AM,RU,854239,2022-03-31,2022-03-31,NEW_CONTROLLED_FLOW,alert x confirmed by bob,,CONFIRMED
                """);
        List<AnomalyLabel> labels = AnomalyLabels.read(file);
        assertEquals(AnomalyLabel.Verdict.DISMISSED, labels.get(1).verdict());
        BacktestResult result = result(
                fired("a1", AlertRule.SPIKE, AlertStatus.FINAL, "HK", "854231", "2022-09-15", "2022-09-23T00:00:00Z"),
                fired("a5", AlertRule.SPIKE, AlertStatus.FINAL, "TR", "848210", "2023-05-11", "2023-05-19T00:00:00Z"),
                // Nobody judged this one: neither right nor wrong.
                fired("a6", AlertRule.SURGE, AlertStatus.FINAL, "CN", "845811", "2023-06-01", "2023-06-09T00:00:00Z"));

        Scorecard score = Scorecard.of(result, labels);

        assertEquals(3, score.alerts());
        assertEquals(1, score.truePositives());
        assertEquals(1, score.falsePositives(), "the dismissed alert");
        assertEquals(1, score.unjudged());
        assertEquals(0.5, score.precision(), 1e-9, "over the two judged alerts");
        assertEquals(2, score.labels(), "the cases: the confirmed alerts, not the dismissed one");
        assertEquals(0.5, score.recall(), 1e-9);
        assertEquals(List.of(labels.get(2)), score.missedConfirmed(), "a confirmed case this setting no longer raises");
        for (String name : List.of("again.csv", "again.jsonl")) {
            AnomalyLabels.write(dir.resolve(name), labels);
            assertEquals(labels, AnomalyLabels.read(dir.resolve(name)), name);
        }
        Files.writeString(file, "dispatch,destination,hs_code,first_window,last_window,rules,description,origin,verdict\n"
                + "HK,RU,854231,2022-09-15,2022-09-15,SPIKE,x,,MAYBE\n");
        Exception bad = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> AnomalyLabels.read(file));
        assertTrue(bad.getMessage().contains("line 2") && bad.getMessage().contains("verdict must be CONFIRMED, DISMISSED or empty"), bad.getMessage());
    }

    @Test
    void shouldNameTheLineOfABadLabel() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "dispatch,destination,hs_code,first_window,last_window,rules,description\nCN,RU,845811,2023-13-01,2023-12-28,SURGE,x\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> AnomalyLabels.read(file));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("2023-13-01"), e.getMessage());
    }

    private static FiredAlert fired(String id, AlertRule rule, AlertStatus status, String dispatch, String hs, String week, String at) {
        return fired(id, rule, status, dispatch, "RU", hs, week, at);
    }

    private static FiredAlert fired(String id, AlertRule rule, AlertStatus status, String dispatch, String destination, String hs,
                                    String week, String at) {
        Instant start = Instant.parse(week + "T00:00:00Z");
        Alert alert = Alert.newBuilder().setAlertId(id).setRule(rule).setStatus(status).setSeverity(Severity.HIGH)
                .setFlow(TradeFlow.newBuilder().setDispatchCountry(dispatch).setDestinationCountry(destination).setHsCode(hs).build())
                .setWindowStart(start).setWindowEnd(start.plus(Duration.ofDays(7))).setCurrentValueUsd(new BigDecimal("1.00"))
                .setSummary(id).build();
        return new FiredAlert(alert, Instant.parse(at));
    }

    private static BacktestResult result(FiredAlert... alerts) {
        return new BacktestResult(WEEKLY, 10, 0, Map.of(), 0, List.of(alerts), Map.of(), Map.of(), Duration.ofSeconds(1));
    }
}
