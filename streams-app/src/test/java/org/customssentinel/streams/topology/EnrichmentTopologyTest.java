package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Enrichment, one behaviour per test, with every timestamp written out. */
class EnrichmentTopologyTest {

    private final TopologyFixture fixture = new TopologyFixture();
    private TestInputTopic<String, SpecificRecord> hs;
    private TestInputTopic<String, SpecificRecord> watchlist;
    private TestOutputTopic<String, EnrichedDeclaration> enriched;
    private TestOutputTopic<String, RejectedRecord> rejected;

    private void start(ClassificationMode mode) {
        fixture.start(TopologySettings.defaults(mode, fixture.serdeConfigs()));
        hs = fixture.hsClassifications();
        watchlist = fixture.watchlist();
        enriched = fixture.output(TopicNames.ENRICHED);
        rejected = fixture.output(TopicNames.REJECTED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static HsClassification entry(String list, String version, String prefix, String category, LocalDate from, LocalDate to) {
        return HsClassification.newBuilder().setPrefix(prefix).setListId(list).setCategory(category).setDescription(category + " goods")
                .setLegalBasis("test").setListVersion(version).setValidFrom(from).setValidTo(to)
                .setBasis(list.startsWith("EU") ? ClassificationBasis.CANDIDATE : ClassificationBasis.LISTED).build();
    }

    private void load(HsClassification... entries) {
        for (HsClassification e : entries) {
            hs.pipeInput(e.getListId() + ":" + e.getListVersion() + ":" + e.getPrefix(), e);
        }
    }

    private static Declaration declaration(String id, Instant lodgedAt, String exporter, String importer, String... hsCodes) {
        GoodsItem[] items = new GoodsItem[hsCodes.length];
        for (int i = 0; i < hsCodes.length; i++) {
            items[i] = GoodsItem.newBuilder().setItemNumber(i + 1).setHsCode(hsCodes[i]).setDescription("goods")
                    .setQuantity(new BigDecimal("10.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                    .setValueUsd(new BigDecimal("50000.00")).build();
        }
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName(exporter).setCountry("CN").build())
                .setImporter(Party.newBuilder().setName(importer).setCountry("RU").build())
                .setCountryOfOrigin("CN").setCountryOfDispatch("CN").setCountryOfDestination("RU").setItems(List.of(items)).build();
    }

    private void send(Declaration declaration) {
        fixture.declare(declaration, declaration.getLodgedAt());
    }

    private static List<String> lists(List<ClassificationMatch> matches) {
        return matches.stream().map(m -> m.getListId() + " " + m.getPrefix() + " " + m.getListVersion()).toList();
    }

    private static final LocalDate CHPL_2024 = LocalDate.of(2024, 2, 23);

    @Test
    void shouldMatchEveryListByItsLongestPrefix() {
        start(ClassificationMode.LATEST);
        load(entry("CHPL", "2024-02-23", "854231", "Tier 1", CHPL_2024, null),
                entry("EU-2021/821-ANNEX-I", "2021-09-09", "8542", "3A001 (candidate)", LocalDate.of(2021, 9, 9), null),
                entry("TEST", "1", "85", "chapter", LocalDate.of(2000, 1, 1), null),
                entry("TEST", "1", "854231", "subheading", LocalDate.of(2000, 1, 1), null));
        send(declaration("D1", Instant.parse("2022-03-24T08:15:00Z"), "Shenzhen Huaxin", "OOO Elektronnye Komponenty", "8542310000", "940360"));

        EnrichedDeclaration result = enriched.readValue();
        assertEquals(List.of("CHPL 854231 2024-02-23", "TEST 854231 1", "EU-2021/821-ANNEX-I 8542 2021-09-09"),
                lists(result.getItems().get(0).getMatches()));
        assertEquals(List.of(), result.getItems().get(1).getMatches());
        assertEquals(Map.of("CHPL", "2024-02-23", "EU-2021/821-ANNEX-I", "2021-09-09", "TEST", "1"), result.getReferenceVersions());
    }

    @Test
    void shouldApplyTheNewestVersionOfEachListToAnyDateInLatestMode() {
        start(ClassificationMode.LATEST);
        load(entry("CHPL", "2023-05-19", "854231", "Tier 1", LocalDate.of(2023, 5, 19), LocalDate.of(2024, 2, 22)),
                entry("CHPL", "2024-02-23", "854231", "Tier 1", CHPL_2024, null),
                entry("CHPL", "2024-02-23", "845811", "Tier 4.B", CHPL_2024, null));
        send(declaration("D1", Instant.parse("2021-06-01T10:00:00Z"), "A", "B", "854231", "845811"));
        EnrichedDeclaration result = enriched.readValue();
        assertEquals(List.of("CHPL 854231 2024-02-23"), lists(result.getItems().get(0).getMatches()));
        assertEquals(List.of("CHPL 845811 2024-02-23"), lists(result.getItems().get(1).getMatches()));
    }

    @Test
    void shouldApplyOnlyEntriesInForceOnTheDeclarationDateInAuditMode() {
        start(ClassificationMode.DECLARATION_DATE);
        load(entry("CHPL", "2023-05-19", "854231", "Tier 1", LocalDate.of(2023, 5, 19), LocalDate.of(2024, 2, 22)),
                entry("CHPL", "2024-02-23", "854231", "Tier 1", CHPL_2024, null),
                entry("CHPL", "2024-02-23", "845811", "Tier 4.B", CHPL_2024, null));
        send(declaration("D2021", Instant.parse("2021-06-01T10:00:00Z"), "A", "B", "854231", "845811"));
        send(declaration("D2023", Instant.parse("2023-06-01T10:00:00Z"), "A", "B", "854231", "845811"));
        send(declaration("D2024", Instant.parse("2024-03-01T10:00:00Z"), "A", "B", "854231", "845811"));

        EnrichedDeclaration in2021 = enriched.readValue();
        assertTrue(in2021.getItems().stream().allMatch(i -> i.getMatches().isEmpty()), "no list in force in 2021");
        assertEquals(Map.of(), in2021.getReferenceVersions());
        EnrichedDeclaration in2023 = enriched.readValue();
        assertEquals(List.of("CHPL 854231 2023-05-19"), lists(in2023.getItems().get(0).getMatches()));
        assertEquals(List.of(), in2023.getItems().get(1).getMatches(), "CNC lathes joined the list in 2024");
        assertEquals(Map.of("CHPL", "2023-05-19"), in2023.getReferenceVersions());
        EnrichedDeclaration in2024 = enriched.readValue();
        assertEquals(List.of("CHPL 854231 2024-02-23"), lists(in2024.getItems().get(0).getMatches()));
        assertEquals(List.of("CHPL 845811 2024-02-23"), lists(in2024.getItems().get(1).getMatches()));
    }

    @Test
    void shouldApplyReferenceChangesMidStream() {
        start(ClassificationMode.LATEST);
        send(declaration("D1", Instant.parse("2022-03-24T08:00:00Z"), "A", "B", "854231"));
        load(entry("CHPL", "2024-02-23", "854231", "Tier 1", CHPL_2024, null));
        send(declaration("D2", Instant.parse("2022-03-24T09:00:00Z"), "A", "B", "854231"));
        hs.pipeInput("CHPL:2024-02-23:854231", null);
        send(declaration("D3", Instant.parse("2022-03-24T10:00:00Z"), "A", "B", "854231"));

        assertEquals(List.of(), enriched.readValue().getItems().get(0).getMatches());
        assertEquals(List.of("CHPL 854231 2024-02-23"), lists(enriched.readValue().getItems().get(0).getMatches()));
        assertEquals(List.of(), enriched.readValue().getItems().get(0).getMatches());
    }

    @Test
    void shouldScreenAgainstWatchlistChangesMidStream() {
        start(ClassificationMode.LATEST);
        send(declaration("D1", Instant.parse("2022-03-24T08:00:00Z"), "Grand Meridian Components Ltd", "B", "854231"));
        watchlist.pipeInput("SAMPLE:grand-meridian", WatchlistEntry.newBuilder().setEntryId("grand-meridian")
                .setName("Grand Meridian Components").setListId("SAMPLE").setListVersion("sample-2").build());
        send(declaration("D2", Instant.parse("2022-03-24T09:00:00Z"), "Grand Meridian Components Ltd", "B", "854231"));

        EnrichedDeclaration before = enriched.readValue();
        assertEquals(List.of(), before.getPartyMatches());
        EnrichedDeclaration after = enriched.readValue();
        assertEquals("Grand Meridian Components", after.getPartyMatches().get(0).getMatchedName(), "the same trader, listed since");
        assertEquals("sample-2", after.getReferenceVersions().get("SAMPLE"));
    }

    @Test
    void shouldMatchPartiesThroughAliasesAndLegalFormVariantsAndNearMissesOnlyFuzzily() {
        start(ClassificationMode.LATEST);
        watchlist.pipeInput("SAMPLE:ooo-tekhnopark-vostok", WatchlistEntry.newBuilder().setEntryId("ooo-tekhnopark-vostok")
                .setName("OOO Tekhnopark Vostok").setAliases(List.of("Technopark East LLC")).setCountry("RU")
                .setListId("SAMPLE").setProgram("RUSSIA-EO14024").setListVersion("sample-1").build());
        send(declaration("D1", Instant.parse("2022-03-24T08:00:00Z"), "Technopark East, L.L.C.", "TEKHNOPARK-VOSTOK LLC", "854231"));
        send(declaration("D2", Instant.parse("2022-03-24T09:00:00Z"), "Tekhnopark Vostok Trading", "OOO Tekhnopark Vostochny", "854231"));
        send(declaration("D3", Instant.parse("2022-03-24T10:00:00Z"), "Tekhnopark Zapad", "Vostok Trading", "854231"));

        List<PartyMatch> hits = enriched.readValue().getPartyMatches();
        assertEquals(List.of(PartyRole.EXPORTER, PartyRole.IMPORTER), hits.stream().map(PartyMatch::getRole).toList());
        assertEquals("Technopark East LLC", hits.get(0).getMatchedName());
        assertEquals(MatchKind.ALIAS, hits.get(0).getMatchedBy());
        assertEquals("OOO Tekhnopark Vostok", hits.get(1).getMatchedName());
        assertEquals(MatchKind.NAME, hits.get(1).getMatchedBy());
        assertEquals("RUSSIA-EO14024", hits.get(1).getProgram());
        // Near misses are leads, not exact matches: a generic word added, a word's ending changed.
        List<PartyMatch> near = enriched.readValue().getPartyMatches();
        assertEquals(List.of(MatchKind.FUZZY, MatchKind.FUZZY), near.stream().map(PartyMatch::getMatchedBy).toList());
        assertTrue(near.stream().allMatch(m -> m.getScore() >= 0.9 && m.getScore() < 1), near.toString());
        assertEquals(List.of(), enriched.readValue().getPartyMatches(), "another distinctive word, or the distinctive word alone, does not match");
    }

    @Test
    void shouldRejectAPoisonPillWithItsOffsetAndGoOn() {
        start(ClassificationMode.LATEST);
        fixture.declarationsTopic().pipeInput(new TestRecord<>("junk", new byte[] {1, 2, 3, 4, 5, 6}, Instant.parse("2022-03-24T08:00:00Z")));
        send(declaration("D1", Instant.parse("2022-03-24T09:00:00Z"), "A", "B", "854231"));

        TestRecord<String, RejectedRecord> poison = rejected.readRecord();
        assertEquals("junk", poison.key());
        assertEquals(TopicNames.DECLARATIONS, poison.value().getSource());
        assertEquals(0, poison.value().getPartition());
        assertEquals(0L, poison.value().getOffset());
        assertEquals("UNDESERIALIZABLE", poison.value().getReasons().get(0).getCode());
        assertTrue(poison.value().getReasons().get(0).getMessage().contains("magic byte"), poison.value().getReasons().get(0).getMessage());
        assertEquals(6, poison.value().getRawBytes().remaining());
        assertEquals("D1", enriched.readRecord().key());
    }

    @Test
    void shouldStampEachRecordWithItsLodgedTime() {
        start(ClassificationMode.LATEST);
        Declaration declaration = declaration("D1", Instant.parse("2022-03-24T08:15:00Z"), "A", "B", "854231");
        fixture.declare(declaration, Instant.parse("2026-11-29T07:00:00Z"));
        assertEquals(Instant.parse("2022-03-24T08:15:00Z"), enriched.readRecord().getRecordTime());
    }

    @Test
    void shouldRejectADeclarationTheTopologyCannotUse() {
        start(ClassificationMode.LATEST);
        send(declaration("D1", Instant.parse("2022-03-24T08:15:00Z"), "A", "B", "85"));
        RejectedRecord invalid = rejected.readValue();
        assertEquals("INVALID_HS_CODE", invalid.getReasons().get(0).getCode(), "the producer's reason for the same fault");
        assertTrue(enriched.isEmpty());
    }
}
