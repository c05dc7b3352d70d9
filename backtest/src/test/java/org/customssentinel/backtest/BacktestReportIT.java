package org.customssentinel.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.customssentinel.avro.Declaration;
import org.customssentinel.backtest.report.BacktestReport;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.streams.query.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report an analyst mails: a grid over chpl-surge at a small scale, scored against the scenario's labels, rendered
 * in headless Chromium: no console error, nothing fetched, every chart drawn.
 */
class BacktestReportIT {

    @TempDir
    Path dir;

    @Test
    void shouldDrawEveryChartOfTheReportInABrowser() throws Exception {
        ScenarioGenerator generator = ScenarioGenerator.create("chpl-surge", 42, null, null, 0.05);
        List<Declaration> declarations = new ArrayList<>();
        generator.declarations().forEachRemaining(declarations::add);
        List<AnomalyLabel> labels = generator.labels();
        List<BacktestSetting> settings = new SettingGrid(Map.of("rules.surge.reference", "2021-01-01/2022-02-24"))
                .axis("rules.spike.ratio=5,10").settings();
        BacktestRun run = BacktestRun.of(List.of("chpl-surge@0.05"), new BacktestInput(declarations, 0, Map.of()), ReferenceData.shipped(),
                6, settings, labels, true, 2, ProgressListener.NONE);
        String html = BacktestReport.html(run);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"), "self-contained, nothing fetched");
        Path report = dir.resolve("report.html");
        Files.writeString(report, html);

        Path chromium = HeadlessChromium.executable();
        assumeTrue(chromium != null, "Chromium is not installed (.ci/run installs Debian's chromium): report not rendered");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, Files.createDirectories(dir.resolve("profile")), 1280, 2400)) {
            browser.navigate(report.toUri().toString());
            assertTrue(browser.await("document.readyState === 'complete' && document.querySelectorAll('svg.chart').length > 0",
                    java.time.Duration.ofSeconds(30)), "the report loads");
            JsonNode charts = browser.evaluate("[...document.querySelectorAll('svg.chart')].map(svg => ({name: svg.dataset.chart,"
                    + " drawn: [...svg.querySelectorAll('rect.bar, rect.stack, circle, path')].filter(e => e.getBBox().width + e.getBBox().height > 0).length,"
                    + " width: svg.getBoundingClientRect().width}))");
            assertEquals(1 + labels.size() + 1, charts.size(), "precision/recall, one per label, alerts per month: " + charts);
            for (JsonNode chart : charts) {
                assertTrue(chart.path("drawn").asInt() > 0 && chart.path("width").asDouble() > 0, "drawn: " + chart);
            }
            assertEquals(2, browser.evaluate("document.querySelectorAll('svg[data-chart=precision-recall] circle').length").asInt(),
                    "one point per setting");
            assertEquals(1, browser.evaluate("document.querySelectorAll('tr.best').length").asInt(), "the best setting marked");
            browser.screenshot(Path.of("target", "backtest-report.png"));
            assertEquals(List.of(), browser.errors(), "no errors in the browser console");
        }
    }
}
