package org.customssentinel.streams.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.Severity;
import org.junit.jupiter.api.Test;

class WatchlistHitRuleTest {

    private static final Instant LODGED = Instant.parse("2023-03-07T10:15:00Z");
    private final WatchlistHitRule rule = new WatchlistHitRule();

    @Test
    void shouldRaiseOneFinalAlertPerMatchedPartyCriticalForListedGoods() {
        PartyMatch exporter = match(PartyRole.EXPORTER, "Shenzhen Huaxin Electronics", "SDN-1001");
        PartyMatch importer = match(PartyRole.IMPORTER, "Tekhnopark Vostok LLC", "SDN-2002");
        List<Alert> alerts = rule.judge(counted(List.of(exporter, importer), ClassificationBasis.LISTED));

        assertEquals(2, alerts.size());
        Alert first = alerts.get(0);
        assertEquals(AlertRule.WATCHLIST_HIT, first.getRule());
        assertEquals(AlertStatus.FINAL, first.getStatus());
        assertEquals(Severity.CRITICAL, first.getSeverity());
        assertEquals(AlertIds.of("WATCHLIST_HIT", "D-42", "OFAC-SDN:SDN-1001", "EXPORTER"), first.getAlertId());
        assertEquals("Exporter \"Shenzhen Huaxin Electronics\" matches OFAC-SDN entry \"SHENZHEN HUAXIN ELECTRONICS\" (RUSSIA-EO14024) on"
                + " declaration D-42: CN→RU 854231 processors and controllers (CHPL Tier 1), $75k", first.getSummary());
        assertEquals(new BigDecimal("75000.00"), first.getCurrentValueUsd(), "every item of the declaration");
        assertEquals(LODGED, first.getWindowStart());
        assertEquals(List.of("D-42"), first.getSampleDeclarationIds());
        assertEquals(List.of(importer), alerts.get(1).getPartyMatches());
    }

    @Test
    void shouldRateCandidateOnlyGoodsHighAndRaiseNothingWithoutAMatch() {
        PartyMatch exporter = match(PartyRole.EXPORTER, "Shenzhen Huaxin Electronics", "SDN-1001");
        assertEquals(Severity.HIGH, rule.judge(counted(List.of(exporter), ClassificationBasis.CANDIDATE)).get(0).getSeverity());
        assertTrue(rule.judge(counted(List.of(), ClassificationBasis.LISTED)).isEmpty());
    }

    @Test
    void shouldSayHowThePartyMatchedAndRateAFuzzyMatchOneStepLower() {
        PartyMatch byId = PartyMatch.newBuilder(match(PartyRole.IMPORTER, "Es-Di Solyushens", "46523")).setMatchedName("S&D SOLUTIONS")
                .setMatchedBy(MatchKind.IDENTIFIER).setIdentifier("Tax ID No. 7820331010 (RU)").build();
        Alert identifier = rule.judge(counted(List.of(byId), ClassificationBasis.LISTED)).get(0);
        assertEquals("Importer \"Es-Di Solyushens\" matches OFAC-SDN entry \"S&D SOLUTIONS\" (RUSSIA-EO14024) by identifier"
                + " Tax ID No. 7820331010 (RU) on declaration D-42: CN→RU 854231 processors and controllers (CHPL Tier 1), $75k",
                identifier.getSummary());
        assertEquals(Severity.CRITICAL, identifier.getSeverity());

        PartyMatch fuzzy = PartyMatch.newBuilder(match(PartyRole.EXPORTER, "Wolga Group", "16806")).setMatchedName("OOO VOLGA GROUP")
                .setMatchedBy(MatchKind.FUZZY).setScore(0.933).build();
        Alert lead = rule.judge(counted(List.of(fuzzy), ClassificationBasis.LISTED)).get(0);
        assertTrue(lead.getSummary().startsWith("Exporter \"Wolga Group\" matches OFAC-SDN entry \"OOO VOLGA GROUP\" (RUSSIA-EO14024) by"
                + " fuzzy name, score 0.93, on declaration D-42"), lead.getSummary());
        assertEquals(Severity.HIGH, lead.getSeverity());
        assertEquals(Severity.MEDIUM, rule.judge(counted(List.of(fuzzy), ClassificationBasis.CANDIDATE)).get(0).getSeverity());
        assertEquals(AlertIds.of("WATCHLIST_HIT", "D-42", "OFAC-SDN:16806", "EXPORTER"), lead.getAlertId(), "the id does not depend on how");
        Alert alias = rule.judge(counted(List.of(PartyMatch.newBuilder(fuzzy).setMatchedBy(MatchKind.ALIAS).setScore(null).build()),
                ClassificationBasis.LISTED)).get(0);
        assertTrue(alias.getSummary().contains("(RUSSIA-EO14024) by alias on declaration"), alias.getSummary());
    }

    private static PartyMatch match(PartyRole role, String name, String entry) {
        return PartyMatch.newBuilder().setRole(role).setPartyName(name).setEntryId(entry).setMatchedName(name.toUpperCase())
                .setListId("OFAC-SDN").setProgram("RUSSIA-EO14024").build();
    }

    private static CountedDeclaration counted(List<PartyMatch> matches, ClassificationBasis basis) {
        Declaration d = Declaration.newBuilder().setDeclarationId("D-42").setDeclarationType(DeclarationType.IMPORT).setLodgedAt(LODGED)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Huaxin Electronics").setCountry("CN").build())
                .setImporter(Party.newBuilder().setName("Tekhnopark Vostok LLC").setCountry("RU").build())
                .setCountryOfOrigin("CN").setCountryOfDispatch("CN").setCountryOfDestination("RU")
                .setItems(List.of(item(1, "25000.00"), item(2, "50000.00")))
                .build();
        String category = basis == ClassificationBasis.LISTED ? "Tier 1" : "Annex I candidate";
        ClassificationMatch listed = ClassificationMatch.newBuilder().setPrefix("854231").setListId("CHPL").setCategory(category)
                .setDescription("Processors and controllers").setListVersion("2024-02").setBasis(basis).build();
        List<EnrichedItem> items = List.of(EnrichedItem.newBuilder().setItemNumber(1).setHsCode("8542310000").setMatches(List.of(listed)).build(),
                EnrichedItem.newBuilder().setItemNumber(2).setHsCode("8542310000").setMatches(List.of(listed)).build());
        EnrichedDeclaration enriched = EnrichedDeclaration.newBuilder().setDeclaration(d).setItems(items).setPartyMatches(matches).build();
        return new CountedDeclaration(enriched, Windows.FLOW, "Processors and controllers");
    }

    private static GoodsItem item(int number, String value) {
        return GoodsItem.newBuilder().setItemNumber(number).setHsCode("8542310000").setDescription("Processors")
                .setQuantity(new BigDecimal("100.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                .setValueUsd(new BigDecimal(value)).build();
    }
}
