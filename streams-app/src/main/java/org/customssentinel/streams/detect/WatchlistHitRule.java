package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.Severity;
import org.customssentinel.streams.enrich.ListReferences;
import org.customssentinel.streams.screening.MatchEvidence;

/**
 * WATCHLIST_HIT: a party of the declaration matches a watchlist entry, by identifier, name, alias or fuzzy name. One
 * FINAL alert per declaration, entry and role; CRITICAL when the goods are listed, HIGH otherwise, one step lower for
 * a fuzzy match. The summary says how the party matched.
 */
public final class WatchlistHitRule implements DeclarationRule {

    @Override
    public String id() {
        return "WATCHLIST_HIT";
    }

    @Override
    public String label() {
        return "WATCH";
    }

    @Override
    public String description() {
        return "a party of a declaration matches a watchlist entry";
    }

    @Override
    public List<Alert> judge(CountedDeclaration counted) {
        if (counted.enriched().getPartyMatches().isEmpty()) {
            return List.of();
        }
        Declaration d = counted.enriched().getDeclaration();
        BigDecimal total = d.getItems().stream().map(GoodsItem::getValueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ListReference> lists = listsOf(counted);
        List<Alert> alerts = new ArrayList<>();
        for (PartyMatch match : counted.enriched().getPartyMatches()) {
            alerts.add(alert(counted, d, total, match, lists));
        }
        return alerts;
    }

    private Alert alert(CountedDeclaration counted, Declaration d, BigDecimal total, PartyMatch match, List<ListReference> lists) {
        String role = match.getRole().name().charAt(0) + match.getRole().name().substring(1).toLowerCase(Locale.ROOT);
        String summary = String.format(Locale.ROOT, "%s \"%s\" matches %s entry \"%s\"%s%s on declaration %s: %s, %s", role,
                match.getPartyName(), match.getListId(), match.getMatchedName(),
                match.getProgram() == null ? "" : " (" + match.getProgram() + ")", MatchEvidence.how(match), d.getDeclarationId(),
                AlertFactory.describe(counted.firstFlow(), counted.firstGoods(), lists), Money.usd(total));
        Severity severity = MatchEvidence.severity(match, ListReferences.anyControlled(lists) ? Severity.CRITICAL : Severity.HIGH);
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(id(), d.getDeclarationId(), match.getListId() + ":" + match.getEntryId(),
                        match.getRole().name()))
                .setRule(AlertRule.WATCHLIST_HIT).setRuleId(id()).setStatus(AlertStatus.FINAL).setSeverity(severity).setFlow(counted.firstFlow())
                .setWindowStart(d.getLodgedAt()).setWindowEnd(d.getLodgedAt()).setCurrentValueUsd(total.setScale(2, RoundingMode.HALF_EVEN))
                .setBaselineValueUsd(null).setRatio(null).setSummary(summary).setMatchedLists(lists)
                .setPartyMatches(List.of(match)).setSampleDeclarationIds(List.of(d.getDeclarationId()))
                .build();
    }

    /** Every list any item matched, in item order, each once. */
    private static List<ListReference> listsOf(CountedDeclaration counted) {
        List<ListReference> lists = new ArrayList<>();
        counted.enriched().getItems().forEach(item -> item.getMatches().forEach(m -> {
            ListReference list = ListReferences.of(m);
            if (!lists.contains(list)) {
                lists.add(list);
            }
        }));
        return lists;
    }
}
