package org.customssentinel.producer.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.junit.jupiter.api.Test;

class ReferenceReadersTest {

    @Test
    void shouldShipTheFiftyCodesOfTheCommonHighPriorityListByTier() throws IOException {
        List<HsClassification> chpl = HsClassificationReader.shipped().stream().filter(c -> c.getListId().equals("CHPL")).toList();
        assertEquals(50, chpl.size());
        Map<String, Long> byTier = chpl.stream().collect(Collectors.groupingBy(HsClassification::getCategory, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("Tier 1", 4L, "Tier 2", 5L, "Tier 3.A", 16L, "Tier 3.B", 9L, "Tier 4.A", 11L, "Tier 4.B", 5L), byTier);
        assertTrue(chpl.stream().allMatch(c -> c.getValidFrom().equals(LocalDate.of(2024, 2, 23)) && c.getValidTo() == null
                && c.getListVersion().equals("2024-02-23") && c.getBasis() == ClassificationBasis.LISTED));
        assertEquals(List.of("854231", "854232", "854233", "854239"),
                chpl.stream().filter(c -> c.getCategory().equals("Tier 1")).map(HsClassification::getPrefix).toList());
    }

    @Test
    void shouldMarkAnnexICorrelationsAsCandidatesOnly() throws IOException {
        List<HsClassification> annex = HsClassificationReader.shipped().stream()
                .filter(c -> c.getListId().equals("EU-2021/821-ANNEX-I")).toList();
        assertTrue(annex.size() >= 10);
        assertTrue(annex.stream().allMatch(c -> c.getBasis() == ClassificationBasis.CANDIDATE && c.getPrefix().length() == 4));
        assertTrue(annex.stream().anyMatch(c -> c.getPrefix().equals("8542")), "integrated circuits correlate with 3A001");
    }

    @Test
    void shouldNameTheLineOfABadClassificationRow() {
        String csv = "prefix,list_id,category,description,legal_basis,list_version,valid_from,valid_to,basis\n"
                + "8542,X,Tier,Chips,Act,1,2024-02-30,,LISTED\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HsClassificationReader.read("lists.csv", new BufferedReader(new StringReader(csv))));
        assertTrue(e.getMessage().startsWith("lists.csv:2: valid_from '2024-02-30'"), e.getMessage());
    }

    @Test
    void shouldSplitSampleWatchlistAliases() throws IOException {
        WatchlistEntry entry = WatchlistReader.shipped().stream().filter(w -> w.getName().equals("OOO Tekhnopark Vostok")).findFirst().orElseThrow();
        assertEquals(List.of("Technopark East LLC", "TEKHNOPARK VOSTOK"), entry.getAliases());
        assertEquals("RU", entry.getCountry());
        assertEquals("SAMPLE-WATCHLIST:ooo-tekhnopark-vostok", WatchlistReader.key(entry));
    }

    @Test
    void shouldReadOfacSdnRowsWithEmptyMarkersAndAkaRemarks() throws IOException {
        String sdn = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'AERO-CARIBBEAN'; a.k.a. 'AEROCARIBE'.\"\n"
                + "173,\"ANGLO-CARIBBEAN CO., LTD.\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
                + "\u001A\n";
        List<WatchlistEntry> entries = new SdnList().read("sdn.csv", new BufferedReader(new StringReader(sdn)), "OFAC-SDN",
                "2024-06-01", java.util.Map.of(), java.util.Map.of());
        assertEquals(2, entries.size());
        assertEquals("36", entries.get(0).getEntryId());
        assertEquals(List.of("AERO-CARIBBEAN", "AEROCARIBE"), entries.get(0).getAliases());
        assertEquals("CUBA", entries.get(0).getProgram());
        assertEquals("ANGLO-CARIBBEAN CO., LTD.", entries.get(1).getName());
        assertEquals(List.of(), entries.get(1).getAliases());
        assertNull(entries.get(1).getCountry());
        assertEquals("OFAC-SDN", entries.get(1).getListId());
    }
}
