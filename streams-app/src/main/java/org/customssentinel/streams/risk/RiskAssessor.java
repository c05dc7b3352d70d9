package org.customssentinel.streams.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.RiskIndicator;
import org.customssentinel.schemas.declaration.HsCode;
import org.customssentinel.streams.detect.Sanctions;
import org.customssentinel.streams.enrich.ListReferences;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.screening.MatchEvidence;

/**
 * Scores one declaration from weighted indicators and puts it in a lane: what an officer reads to decide what to
 * inspect. Each indicator counts once, with the evidence that raised it; the score is their sum.
 */
public final class RiskAssessor {

    private static final Pattern TIER = Pattern.compile("(?i)\\btier\\s*([1-4])");

    private final FlowDimensions dimensions;
    private final WindowSettings windows;
    private final OpenAlerts alerts;

    public RiskAssessor(FlowDimensions dimensions, WindowSettings windows, OpenAlerts alerts) {
        this.dimensions = dimensions;
        this.windows = windows;
        this.alerts = alerts;
    }

    public DeclarationRisk assess(EnrichedDeclaration enriched, Sanctions sanctions, RiskSettings risk) {
        Declaration d = enriched.getDeclaration();
        List<RiskIndicator> indicators = new ArrayList<>();
        Optional<Tiered> tier = highestTier(enriched, risk);
        RiskSettings.Destinations.Kind destination = risk.destinations().kindOf(d.getCountryOfDestination(),
                sanctions.isRestricted(d.getCountryOfDestination()));
        tier.ifPresent(t -> indicators.add(indicator("list-tier", risk.weight(t.indicator(), destination),
                t.detail() + "; to " + d.getCountryOfDestination() + ", " + describe(destination, risk))));
        if (!enriched.getPartyMatches().isEmpty()) {
            PartyMatch match = enriched.getPartyMatches().get(0);
            indicators.add(indicator("watchlist", risk.weight("watchlist"), String.format("%s %s matches %s entry %s (%s)%s%s",
                    match.getRole().name().toLowerCase(java.util.Locale.ROOT), match.getPartyName(), match.getListId(), match.getEntryId(), match.getMatchedName(),
                    MatchEvidence.how(match).replaceAll(",$", ""), match.getProgram() == null ? "" : ", programme " + match.getProgram())));
        }
        boolean listed = tier.isPresent() && !tier.get().indicator().equals("candidate");
        boolean onRoute = listed && sanctions.isRoute(d.getCountryOfOrigin(), d.getCountryOfDispatch(), d.getCountryOfDestination());
        if (onRoute) {
            indicators.add(indicator("transshipment-route", risk.weight("route"), String.format("%s-made controlled goods dispatched from"
                    + " %s to %s: a coalition origin through a third country", d.getCountryOfOrigin(), d.getCountryOfDispatch(),
                    d.getCountryOfDestination())));
        }
        flowAlert(d, onRoute, risk).ifPresent(flagged -> indicators.add(indicator("flow-alert", risk.weight("alert"), cite(flagged))));
        alerts.onExporter(d.getExporter().getName()).filter(flagged -> inForce(flagged, d.getLodgedAt(), risk))
                .ifPresent(flagged -> indicators.add(indicator("new-trader", risk.weight("new-trader"), cite(flagged))));
        indicators.removeIf(i -> i.getWeight() == 0);
        indicators.sort(Comparator.comparing(RiskIndicator::getWeight).reversed().thenComparing(RiskIndicator::getName));
        int score = indicators.stream().mapToInt(RiskIndicator::getWeight).sum();
        GoodsItem first = d.getItems().get(0);
        return DeclarationRisk.newBuilder().setDeclarationId(d.getDeclarationId()).setLodgedAt(d.getLodgedAt())
                .setExporterName(d.getExporter().getName()).setFlow(FlowKeys.flow(dimensions.keyOf(d, first)))
                .setScore(score).setLane(risk.laneOf(score)).setIndicators(indicators).build();
    }

    /** The heaviest-weighted list indicator among the goods, with the item that raised it. */
    private static Optional<Tiered> highestTier(EnrichedDeclaration enriched, RiskSettings risk) {
        Tiered best = null;
        for (int i = 0; i < enriched.getItems().size(); i++) {
            GoodsItem item = enriched.getDeclaration().getItems().get(i);
            for (ClassificationMatch match : enriched.getItems().get(i).getMatches()) {
                String indicator = indicatorOf(match);
                if (best == null || risk.weight(indicator) > risk.weight(best.indicator())) {
                    best = new Tiered(indicator, String.format("%s %s%s: item %d, HS %s, %s", match.getListId(), match.getCategory(),
                            ListReferences.isControlled(match) ? "" : " (candidate)", item.getItemNumber(), item.getHsCode(),
                            match.getDescription()));
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static String describe(RiskSettings.Destinations.Kind kind, RiskSettings risk) {
        String what = switch (kind) {
            case RESTRICTED -> "a restricted destination";
            case DIVERSION -> "a diversion country";
            case OTHER -> "neither restricted nor a diversion country";
        };
        int share = risk.destinations().share(kind);
        return share == 100 ? what : what + " (" + share + "% of the tier's weight)";
    }

    private static String indicatorOf(ClassificationMatch match) {
        if (!ListReferences.isControlled(match)) {
            return "candidate";
        }
        Matcher tier = TIER.matcher(match.getCategory());
        return tier.find() ? "tier-" + tier.group(1) : "listed";
    }

    /** An alert on one of the declaration's flows (or its route) whose window it falls in or follows closely. */
    private Optional<OpenAlerts.Flagged> flowAlert(Declaration d, boolean onRoute, RiskSettings risk) {
        for (GoodsItem item : d.getItems()) {
            List<String> keys = new ArrayList<>(List.of(dimensions.keyOf(d, item)));
            if (onRoute) {
                String hs6 = new HsCode(item.getHsCode()).hs6();
                keys.add(FlowKeys.route(d.getCountryOfOrigin(), d.getCountryOfDispatch(), d.getCountryOfDestination(), hs6));
            }
            for (String key : keys) {
                Optional<OpenAlerts.Flagged> flagged = alerts.onFlow(key).filter(f -> inForce(f, d.getLodgedAt(), risk));
                if (flagged.isPresent()) {
                    return flagged;
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a declaration lodged at {@code lodged} falls in the alert's window or the {@code alertWindows} after it. */
    private boolean inForce(OpenAlerts.Flagged flagged, Instant lodged, RiskSettings risk) {
        long at = lodged.toEpochMilli();
        return at >= flagged.windowStart().toEpochMilli()
                && at < flagged.windowEnd().toEpochMilli() + risk.alertWindows() * windows.sizeMs();
    }

    private static String cite(OpenAlerts.Flagged flagged) {
        return flagged.rule() + " " + flagged.alertId() + ": " + flagged.summary();
    }

    private static RiskIndicator indicator(String name, int weight, String detail) {
        return RiskIndicator.newBuilder().setName(name).setWeight(weight).setDetail(detail).build();
    }

    private record Tiered(String indicator, String detail) {
    }
}
