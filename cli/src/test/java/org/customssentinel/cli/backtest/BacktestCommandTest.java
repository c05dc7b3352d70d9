package org.customssentinel.cli.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.cli.Sentinel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's analyst commands, in-process on a small chpl-surge: generate with labels, backtest a grid, compare. */
class BacktestCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void scenario() {
        assertEquals(0, run("generate", "--scenario", "chpl-surge", "--scale", "0.03", "--labels", dir.resolve("labels.csv").toString(),
                "--out", dir.resolve("s.csv.gz").toString()), err::toString);
        assertTrue(out.toString().contains("wrote 15 labelled anomalies"), out.toString());
    }

    @Test
    void shouldScoreEverySettingOfAGridAndWriteTheReport() throws Exception {
        int code = run("backtest", dir.resolve("s.csv.gz").toString(), "--labels", dir.resolve("labels.csv").toString(),
                "--set", "rules.surge.reference=2021-01-01/2022-02-24", "--grid", "rules.spike.ratio=5,10,15",
                "--report", dir.resolve("r.html").toString(), "--json", dir.resolve("r.json").toString());
        assertEquals(0, code, err::toString);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).contains("SETTING") && lines.get(0).contains("PREC") && lines.get(0).contains("RECALL"), lines.get(0));
        int lanes = lines.indexOf(lines.stream().filter(l -> l.strip().startsWith("LANES")).findFirst().orElseThrow());
        assertEquals(3, lines.subList(0, lanes).stream().filter(l -> l.contains("rules.spike.ratio=")).count(), out.toString());
        assertEquals(3, lines.subList(lanes, lines.size()).stream().filter(l -> l.contains("rules.spike.ratio=")
                && l.matches(".*(\\s+\\d+\\.\\d%){4}")).count(), "each setting's share per lane: " + out);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("* rules.spike.ratio=")).count(), "one best setting: " + out);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("r.json").toFile());
        assertEquals(3, json.path("settings").size());
        for (JsonNode setting : json.path("settings")) {
            assertEquals(15, setting.path("score").path("labelled").asInt(), setting.toString());
            assertTrue(setting.path("finalAlerts").asInt() > 0, setting.toString());
        }
        assertTrue(json.path("settings").get(0).path("finalAlertsByRule").path("SPIKE").asInt()
                >= json.path("settings").get(2).path("finalAlertsByRule").path("SPIKE").asInt(), "a lower spike ratio never raises fewer spikes");
        String html = Files.readString(dir.resolve("r.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("data-chart=\"precision-recall\""), "the report");
    }

    @Test
    void shouldPrintTheAlertsOfOneSettingAsTheAlertsCommandDoes() {
        assertEquals(0, run("backtest", dir.resolve("s.csv.gz").toString()), err::toString);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("WINDOW") && lines.get(0).contains("SUMMARY"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("SPIKE") && l.contains("FINAL")), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  as configured")), out.toString());
    }

    @Test
    void shouldKeepTheShippedGoodsListsWhenWatchlistsAreGivenAndSayWhatIsInForce() throws Exception {
        // A real list and one of the analysts' own, whose entry names the generator's importer by its tax number only.
        Files.writeString(dir.resolve("intel.csv"), "name,aliases,country,list,program,identifiers\n"
                + "Intekh Supply Holding,,RU,CUSTOMS-INTEL,,Tax ID No.=6054337457\n");
        assertEquals(0, run("backtest", dir.resolve("s.csv.gz").toString(), "--format", "json",
                "--watchlist", Path.of("..", "reference-data", "ofac-sdn-2024-05-03.csv.gz").toString(),
                "--watchlist", dir.resolve("intel.csv").toString(), "--list-version", "2024-05-03"), err::toString);
        String inForce = err.toString().lines().filter(l -> l.startsWith("reference data in force: ")).findFirst().orElseThrow();
        assertTrue(inForce.contains("classification CHPL 2024-02-23"), inForce);
        assertTrue(inForce.endsWith("watchlists OFAC-SDN 2024-05-03 (14,965 entries, 9,713 identifiers),"
                + " CUSTOMS-INTEL 2024-05-03 (1 entries, 1 identifiers)"), inForce);
        JsonNode setting = new ObjectMapper().readTree(out.toString()).path("settings").get(0);
        assertTrue(setting.path("finalAlertsByRule").path("SPIKE").asInt() > 0, "the goods rules keep their lists: " + setting);
        boolean byIdentifier = false;
        for (JsonNode alert : setting.path("alertRecords")) {
            String summary = alert.path("summary").asText();
            byIdentifier |= summary.contains("matches CUSTOMS-INTEL entry \"Intekh Supply Holding\" by identifier Tax ID No. 6054337457 (RU)");
        }
        assertTrue(byIdentifier, "the importer is found by its tax number");
    }

    @Test
    void shouldListWhatARuleChangeAddsAndRemoves() throws Exception {
        Files.writeString(dir.resolve("a.properties"), "rules.spike.ratio=10\n");
        Files.writeString(dir.resolve("b.properties"), "rules.spike.ratio=5\n");
        assertEquals(0, run("backtest", dir.resolve("s.csv.gz").toString(), "--compare", dir.resolve("a.properties").toString(),
                dir.resolve("b.properties").toString()), err::toString);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).matches("B \\(.*b.properties\\) against A \\(.*a.properties\\): \\d+ FINAL alerts added, 0 removed, \\d+ changed"),
                lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("+ ") && l.contains("SPIKE")), "a lower ratio adds spikes: " + out);
    }

    @Test
    void shouldRefuseSettingsItCannotRunWithOneLine() {
        assertEquals(2, run("backtest", dir.resolve("s.csv.gz").toString(), "--set", "bootstrap.servers=k:9092"));
        assertTrue(err.toString().contains("bootstrap.servers: not a setting of the backtest"), err.toString());
        assertEquals(2, run("backtest", dir.resolve("missing.csv").toString()));
        assertTrue(err.toString().contains("no such file: " + dir.resolve("missing.csv")), err.toString());
        assertEquals(2, run("backtest", dir.resolve("s.csv.gz").toString(), "--grid", "rules.spike.ratio=5,ten"));
        assertTrue(err.toString().contains("rules.spike.ratio=ten: not a number"), err.toString());
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine sentinel = Sentinel.commandLine();
        sentinel.setOut(new PrintWriter(out, true));
        sentinel.setErr(new PrintWriter(err, true));
        return sentinel.execute(args);
    }
}
