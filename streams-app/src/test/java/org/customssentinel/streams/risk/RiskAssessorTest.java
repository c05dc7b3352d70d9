package org.customssentinel.streams.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.PartyValue;
import org.customssentinel.avro.RiskIndicator;
import org.customssentinel.avro.RiskLane;
import org.customssentinel.avro.Severity;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.Sanctions;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.Test;

class RiskAssessorTest {

    /** A Thursday: windows are weeks from the epoch's Thursdays. */
    private static final Instant WEEK = Instant.parse("2023-03-02T00:00:00Z");
    private static final Instant LODGED = WEEK.plus(Duration.ofDays(2));
    private static final Sanctions SANCTIONS = Sanctions.defaults();
    private static final RiskSettings RISK = RiskSettings.defaults();

    private final OpenAlerts alerts = new OpenAlerts();
    private final RiskAssessor assessor = new RiskAssessor(FlowDimensions.standard(), WindowSettings.weekly(), alerts);

    @Test
    void shouldLeaveListedGoodsAloneGreenCitingTheItemAndWhereTheyGo() {
        DeclarationRisk risk = assessor.assess(declaration("CN", "CN", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(15, risk.getScore());
        assertEquals(RiskLane.GREEN, risk.getLane(), "what the goods are weighs only beside something about this trade");
        assertEquals(List.of("list-tier"), names(risk));
        assertEquals("CHPL Tier 1: item 1, HS 8542310000, Processors and controllers; to RU, a restricted destination",
                risk.getIndicators().get(0).getDetail());
        assertEquals("CN|RU|854231", FlowKeys.key(risk.getFlow()));
        assertEquals("Shenzhen Huaxin Electronics", risk.getExporterName());
    }

    @Test
    void shouldScoreTheHighestTierOnceAndACandidateLow() {
        assertEquals(12, assessor.assess(declaration("CN", "CN", "Tier 2", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK).getScore());
        DeclarationRisk candidate = assessor.assess(declaration("CN", "CN", "3A001 (candidate)", ClassificationBasis.CANDIDATE, List.of()),
                SANCTIONS, RISK);
        assertEquals(3, candidate.getScore());
        assertEquals(RiskLane.GREEN, candidate.getLane());
    }

    @Test
    void shouldPutAWatchListedPartyWithControlledGoodsInTheRedLaneHeaviestReasonFirst() {
        PartyMatch importer = PartyMatch.newBuilder().setRole(PartyRole.IMPORTER).setPartyName("OOO Tekhnopark Vostok").setEntryId("vostok")
                .setMatchedName("TEKHNOPARK VOSTOK").setListId("SAMPLE").setProgram("RUSSIA-EO14024").build();
        DeclarationRisk risk = assessor.assess(declaration("CN", "CN", "Tier 1", ClassificationBasis.LISTED, List.of(importer)), SANCTIONS, RISK);
        assertEquals(75, risk.getScore());
        assertEquals(RiskLane.RED, risk.getLane());
        assertEquals(List.of("watchlist", "list-tier"), names(risk));
        assertEquals("importer OOO Tekhnopark Vostok matches SAMPLE entry vostok (TEKHNOPARK VOSTOK), programme RUSSIA-EO14024",
                risk.getIndicators().get(0).getDetail());
    }

    @Test
    void shouldRaiseCoalitionMadeGoodsThroughAThirdCountryToOrangeAndUnderAnAlertToRed() {
        DeclarationRisk risk = assessor.assess(declaration("DE", "KZ", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(List.of("transshipment-route", "list-tier"), names(risk));
        assertEquals(45, risk.getScore());
        assertEquals(RiskLane.ORANGE, risk.getLane());
        alerts.add(alert(AlertRule.TRANSSHIPMENT, "KZ|RU|854231|DE", WEEK, "Shenzhen Huaxin Electronics"));
        DeclarationRisk alerted = assessor.assess(declaration("DE", "KZ", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(List.of("transshipment-route", "flow-alert", "list-tier"), names(alerted));
        assertEquals(RiskLane.RED, alerted.getLane());
        // Not a route: candidate goods only, or dispatched from the coalition itself.
        assertEquals(List.of("list-tier"), names(assessor.assess(declaration("DE", "KZ", "x", ClassificationBasis.CANDIDATE, List.of()),
                SANCTIONS, RISK)));
        assertEquals(List.of("list-tier"), names(assessor.assess(declaration("DE", "DE", "Tier 1", ClassificationBasis.LISTED, List.of()),
                SANCTIONS, RISK)));
    }

    @Test
    void shouldCountAnAlertOnTheFlowFromItsWindowForTheConfiguredWindowsAfter() {
        alerts.add(alert(AlertRule.SPIKE, "CN|RU|854231", WEEK.minus(Duration.ofDays(7)), "Shenzhen Huaxin Electronics"));
        DeclarationRisk risk = assessor.assess(declaration("CN", "CN", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(List.of("flow-alert", "list-tier"), names(risk));
        assertEquals(40, risk.getScore());
        assertEquals(RiskLane.YELLOW, risk.getLane());
        assertEquals("SPIKE A-SPIKE: the summary", risk.getIndicators().get(0).getDetail());

        RiskSettings oneWindow = RISK.withAlertWindows(1);
        Declaration later = declaration("CN", "CN", "Tier 1", ClassificationBasis.LISTED, List.of()).getDeclaration();
        later.setLodgedAt(WEEK.plus(Duration.ofDays(9)));
        assertEquals(List.of("list-tier"), names(assessor.assess(enriched(later, "Tier 1", ClassificationBasis.LISTED, List.of()),
                SANCTIONS, oneWindow)), "two windows after the alert's, past alert-windows=1");
    }

    @Test
    void shouldRaiseAnExporterFlaggedAsANewTraderAndDropIndicatorsWeighedZero() {
        alerts.add(alert(AlertRule.NEW_TRADER, "TR|RU|851762", WEEK.minus(Duration.ofDays(14)), "SHENZHEN  Huaxin Electronics"));
        DeclarationRisk risk = assessor.assess(declaration("CN", "CN", "Tier 2", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(List.of("new-trader", "list-tier"), names(risk));
        assertEquals(37, risk.getScore());
        assertEquals(RiskLane.YELLOW, risk.getLane());

        RiskSettings noTraders = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.weight.new-trader", "0",
                "rules.risk.weight.tier-2", "30", "rules.risk.lane.yellow", "35")).risk();
        DeclarationRisk unweighted = assessor.assess(declaration("CN", "CN", "Tier 2", ClassificationBasis.LISTED, List.of()), SANCTIONS,
                noTraders);
        assertEquals(List.of("list-tier"), names(unweighted));
        assertEquals(RiskLane.GREEN, unweighted.getLane(), "30 under a yellow cut-off of 35");
    }

    @Test
    void shouldWeighListedGoodsByWhereTheyGo() {
        // Intra-EU trade of listed chips on a flow under an alert: the alert counts, the goods' list does not.
        alerts.add(alert(AlertRule.SPIKE, "DE|FR|854231", WEEK, "Shenzhen Huaxin Electronics"));
        DeclarationRisk intraEu = assessor.assess(declaration("DE", "DE", "FR", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(List.of("flow-alert"), names(intraEu), "0% of the tier's weight elsewhere: the indicator drops out");
        assertEquals(25, intraEu.getScore());
        // To a diversion country: as to a restricted one by default, half with the share set so.
        alerts.add(alert(AlertRule.SPIKE, "DE|KZ|854231", WEEK, "Shenzhen Huaxin Electronics"));
        DeclarationRisk diverted = assessor.assess(declaration("DE", "DE", "KZ", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, RISK);
        assertEquals(40, diverted.getScore());
        assertEquals(RiskLane.YELLOW, diverted.getLane());
        assertTrue(diverted.getIndicators().get(1).getDetail().endsWith("; to KZ, a diversion country"), diverted.getIndicators().toString());
        RiskSettings half = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.destination.diversion", "50")).risk();
        DeclarationRisk halved = assessor.assess(declaration("DE", "DE", "KZ", "Tier 1", ClassificationBasis.LISTED, List.of()), SANCTIONS, half);
        assertEquals(33, halved.getScore(), "25 for the alert, 8 (15 at 50%, rounded) for the goods");
        assertTrue(halved.getIndicators().get(1).getDetail().endsWith("; to KZ, a diversion country (50% of the tier's weight)"));
        RiskSettings notKazakhstan = RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.risk.diversion-destinations", "AM,KG")).risk();
        assertEquals(List.of("flow-alert"), names(assessor.assess(declaration("DE", "DE", "KZ", "Tier 1", ClassificationBasis.LISTED, List.of()),
                SANCTIONS, notKazakhstan)), "a country off the list weighs as any other");
    }

    private static List<String> names(DeclarationRisk risk) {
        return risk.getIndicators().stream().map(RiskIndicator::getName).toList();
    }

    private static Alert alert(AlertRule rule, String flowKey, Instant windowStart, String party) {
        return Alert.newBuilder().setAlertId("A-" + rule).setRule(rule).setStatus(AlertStatus.FINAL).setSeverity(Severity.HIGH)
                .setFlow(FlowKeys.flow(flowKey)).setWindowStart(windowStart).setWindowEnd(windowStart.plus(Duration.ofDays(7)))
                .setCurrentValueUsd(new BigDecimal("1.00")).setSummary("the summary")
                .setTopParties(new ArrayList<>(List.of(PartyValue.newBuilder().setName(party).setValueUsd(new BigDecimal("1.00")).build())))
                .build();
    }

    private static EnrichedDeclaration declaration(String origin, String dispatch, String category, ClassificationBasis basis,
                                                   List<PartyMatch> matches) {
        return declaration(origin, dispatch, "RU", category, basis, matches);
    }

    private static EnrichedDeclaration declaration(String origin, String dispatch, String destination, String category, ClassificationBasis basis,
                                                   List<PartyMatch> matches) {
        Declaration d = Declaration.newBuilder().setDeclarationId("D-42").setDeclarationType(DeclarationType.IMPORT).setLodgedAt(LODGED)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Huaxin Electronics").setCountry(dispatch).build())
                .setImporter(Party.newBuilder().setName("OOO Tekhnopark Vostok").setCountry("RU").build())
                .setCountryOfOrigin(origin).setCountryOfDispatch(dispatch).setCountryOfDestination(destination)
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode("8542310000").setDescription("chips")
                        .setQuantity(new BigDecimal("1.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal("75000.00")).build()))
                .build();
        return enriched(d, category, basis, matches);
    }

    private static EnrichedDeclaration enriched(Declaration d, String category, ClassificationBasis basis, List<PartyMatch> matches) {
        ClassificationMatch match = ClassificationMatch.newBuilder().setPrefix("854231").setListId("CHPL").setCategory(category)
                .setDescription("Processors and controllers").setListVersion("2024-02").setBasis(basis).build();
        return EnrichedDeclaration.newBuilder().setDeclaration(d)
                .setItems(List.of(EnrichedItem.newBuilder().setItemNumber(1).setHsCode("8542310000").setMatches(List.of(match)).build()))
                .setPartyMatches(matches).build();
    }
}
