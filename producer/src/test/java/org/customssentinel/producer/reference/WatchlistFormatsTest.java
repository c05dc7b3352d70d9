package org.customssentinel.producer.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.customssentinel.avro.PartyIdentifier;
import org.customssentinel.avro.WatchlistEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every publisher's layout read from a fixture, its format recognized from the file. */
class WatchlistFormatsTest {

    static Path fixture(String name) {
        return Path.of("..", "reference-data", "watchlist-formats", name);
    }

    private static Watchlist read(String name) throws IOException {
        return WatchlistReader.read(fixture(name), WatchlistReader.Format.AUTO, null);
    }

    private static WatchlistEntry entry(Watchlist list, String id) {
        return list.entries().stream().filter(e -> e.getEntryId().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> ids(WatchlistEntry entry) {
        return entry.getIdentifiers().stream().map(i -> i.getType() + " " + i.getValue() + " " + i.getCountry()).toList();
    }

    @Test
    void shouldReadOfacSdnWithTheAliasAndCommentsFilesBesideIt() throws IOException {
        assertEquals(WatchlistReader.Format.SDN, WatchlistReader.detect(fixture("ofac/sdn.csv")));
        Watchlist sdn = WatchlistReader.read(fixture("ofac/sdn.csv"), WatchlistReader.Format.AUTO, "2024-05-03");
        assertEquals("OFAC-SDN", sdn.listId());
        assertEquals(7, sdn.entries().size());
        assertTrue(sdn.source().endsWith("with aliases from alt.csv and remarks from sdn_comments.csv"), sdn.source());
        WatchlistEntry volga = entry(sdn, "16806");
        assertEquals("OOO VOLGA GROUP", volga.getName());
        assertEquals(List.of("VOLGA GROUP LLC"), volga.getAliases());
        assertEquals(List.of("Tax ID No. 7718989383 RU", "Registration Number 1147746803049 RU"), ids(volga));
        WatchlistEntry ats = entry(sdn, "46510");
        assertEquals(List.of("ATS HEAVY EQUIPMENT", "ATS HEAVY EQUIPMENT TRADING"), ats.getAliases());
        // A licence number is not a trader id; the Economic Register Number is.
        assertEquals(List.of("Economic Register Number (CBLS) 10948598 AE"), ids(ats));
        assertEquals(List.of("EORI Number AE100123456789 AE", "Registration Number 1076083 AE"),
                ids(entry(sdn, "45980")).stream().sorted().toList());
        assertEquals("2024-05-03", volga.getListVersion());
    }

    @Test
    void shouldReadOfacConsolidatedListAsItsOwnList() throws IOException {
        Watchlist cons = read("ofac-cons/cons_prim.csv");
        assertEquals("OFAC-CONS", cons.listId());
        WatchlistEntry red = entry(cons, "19001");
        assertEquals(List.of("RED STAR MICROELECTRONICS"), red.getAliases());
        assertEquals(List.of("Tax ID No. 7701234567 RU", "Registration Number 1027700000017 RU"), ids(red));
        assertEquals(List.of("Unified Social Credit Code (USCC) 91440300MA5G9XXX1K CN"), ids(entry(cons, "19002")));
    }

    @Test
    void shouldReadTheEuListGroupingRowsByEntity() throws IOException {
        Watchlist eu = read("eu-fsf.csv");
        assertEquals("EU-FSF", eu.listId());
        assertEquals("2026-06-12", eu.version());
        assertEquals(3, eu.entries().size());
        WatchlistEntry radar = entry(eu, "EU.9001.12");
        assertEquals("Joint Stock Company Research and Production Enterprise Radar MMS", radar.getName());
        assertEquals(List.of("АО «НПП «Радар ммс»"), radar.getAliases());
        assertEquals(List.of("Tax identification number 7814027653 RU", "Registration Number 1027807560186 RU"), ids(radar));
        assertEquals("RUS", radar.getProgram());
        assertEquals("RU", radar.getCountry());
        assertEquals(List.of("Grand Meridian Electronics Trading"), entry(eu, "EU.9002.55").getAliases());
    }

    @Test
    void shouldReadTheUkListWithItsReportDateAndNonLatinNames() throws IOException {
        Watchlist uk = read("uk-sanctions-list.csv");
        assertEquals("UK-SANCTIONS", uk.listId());
        assertEquals("2026-12-04", uk.version());
        WatchlistEntry almaz = entry(uk, "RUS1642");
        assertEquals("ALMAZ-ANTEY AIR AND SPACE DEFENCE CORPORATION JSC", almaz.getName());
        assertEquals(List.of("ALMAZ-ANTEY", "АО «Концерн ВКО «Алмаз – Антей»"), almaz.getAliases());
        assertEquals(List.of("7731084175"), almaz.getIdentifiers().stream().map(PartyIdentifier::getValue).toList());
        assertEquals("RU", almaz.getCountry());
        assertEquals("FALCON GULF GENERAL TRADING FZE", entry(uk, "RUS2105").getName());
        assertEquals(List.of("FALCON GULF TRADING"), entry(uk, "RUS2105").getAliases());
        assertEquals("Yuri Valentinovich KOVALCHUK", entry(uk, "RUS0990").getName());
    }

    @Test
    void shouldReadOpenSanctionsTargets() throws IOException {
        Watchlist targets = read("opensanctions-targets.simple.csv");
        assertEquals("OPENSANCTIONS", targets.listId());
        assertEquals("2025-11-20", targets.version());
        WatchlistEntry elvees = entry(targets, "NK-2bQxz8Kc6p7Va4WqfFkL3d");
        assertEquals(List.of("Elvis Research and Development Center", "АО «НПЦ «ЭЛВИС»"), elvees.getAliases());
        assertEquals(List.of("7735582816", "1027700261990"), elvees.getIdentifiers().stream().map(PartyIdentifier::getValue).toList());
        assertEquals("US-RUSHARM;EU-RUS", elvees.getProgram());
        assertEquals("RU", elvees.getCountry());
    }

    @Test
    void shouldReadTheProjectLayoutWithIdentifiers() throws IOException {
        Watchlist own = WatchlistReader.read(fixture("project.csv"), WatchlistReader.Format.AUTO, "v7");
        assertEquals("CUSTOMS-INTEL", own.listId());
        WatchlistEntry tekhnopark = own.entries().get(0);
        assertEquals(List.of("Tax ID No. 7709876543 RU", "EORI Number RU7709876543 RU"), ids(tekhnopark));
        assertEquals(List.of(), own.entries().get(1).getIdentifiers());
        assertEquals("v7", tekhnopark.getListVersion());
    }

    @Test
    void shouldReadTheRealSdnListGzipped() throws IOException {
        Path real = Path.of("..", "reference-data", "ofac-sdn-2024-05-03.csv.gz");
        Watchlist sdn = WatchlistReader.read(real, WatchlistReader.Format.AUTO, "2024-05-03");
        assertEquals(14_965, sdn.entries().size());
        WatchlistEntry almaz = sdn.entries().stream().filter(e -> e.getEntryId().equals("16865")).findFirst().orElseThrow();
        assertTrue(ids(almaz).contains("Tax ID No. 7731084175 RU"), ids(almaz).toString());
        long withIds = sdn.entries().stream().filter(e -> !e.getIdentifiers().isEmpty()).count();
        assertTrue(withIds > 4_000, withIds + " entries with identifiers");
        System.out.printf("real SDN list: %s; %,d entries with identifiers%n", sdn.describe(), withIds);
    }

    @Test
    void shouldRefuseFilesItCannotRead(@TempDir Path dir) throws IOException {
        IllegalArgumentException alt = assertThrows(IllegalArgumentException.class,
                () -> WatchlistReader.read(fixture("ofac/alt.csv"), WatchlistReader.Format.AUTO, null));
        assertTrue(alt.getMessage().contains("name the main file (sdn.csv or cons_prim.csv)"), alt.getMessage());
        Path other = Files.writeString(dir.resolve("other.csv"), "code,description\n8542,chips\n");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> WatchlistReader.read(other, WatchlistReader.Format.AUTO, null));
        assertTrue(unknown.getMessage().contains("not a watchlist layout this reads"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> WatchlistReader.read(dir.resolve("none.csv"), WatchlistReader.Format.AUTO, null));
        assertEquals("no such watchlist file: " + dir.resolve("none.csv"), missing.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> WatchlistReader.Format.of("xml"));
        assertEquals("unknown watchlist format 'xml': use one of [auto, csv, sdn, eu, uk, opensanctions]", format.getMessage());
        Path noName = Files.writeString(dir.resolve("eu.csv"), "fileGenerationDate;Entity_LogicalId;Other\n01/01/2026;1;x\n");
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> WatchlistReader.read(noName, WatchlistReader.Format.AUTO, null));
        assertTrue(column.getMessage().contains("no column 'NameAlias_WholeName'"), column.getMessage());
        assertNull(ListFiles.isoDate("not a date"));
    }
}
