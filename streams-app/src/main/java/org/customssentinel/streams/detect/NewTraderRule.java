package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.PartyValue;
import org.customssentinel.avro.internal.TierActivity;
import org.customssentinel.avro.internal.TierWindow;
import org.customssentinel.avro.internal.TraderLedger;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * NEW_TRADER: an exporter whose first declaration the app saw is recent ships controlled goods of one list tier to
 * restricted destinations worth at least {@code rules.new-trader.floor.usd} within {@code rules.new-trader.age} of
 * it: the newly formed intermediary that suddenly moves millions. The age is counted in whole windows from the window
 * of the first declaration ({@code P90D} is 13 weekly windows), so a replay closes the same period at the same point.
 * Once per exporter and tier: PROVISIONAL when the running value crosses the floor, FINAL when the period closes.
 */
public final class NewTraderRule implements Rule {

    public static final Setting<Duration> AGE = Setting.duration("new-trader.age", Duration.ofDays(90),
            "how long after its first declaration an exporter counts as new");
    public static final Setting<BigDecimal> FLOOR = Setting.money("new-trader.floor.usd", "250000",
            "controlled goods to restricted destinations, per list tier, from which a new exporter fires");

    private final Duration age;
    private final BigDecimal floorUsd;
    private final WindowSettings windows;

    public NewTraderRule(RuleSettings settings, WindowSettings windows) {
        this.age = settings.get(AGE);
        this.floorUsd = settings.get(FLOOR);
        this.windows = windows;
    }

    @Override
    public String id() {
        return "NEW_TRADER";
    }

    @Override
    public String label() {
        return "TRADER";
    }

    @Override
    public String description() {
        return "an exporter first seen within new-trader.age ships new-trader.floor.usd of one controlled tier to restricted destinations";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(AGE, FLOOR);
    }

    /** The settings it judges by, named as {@code --config} names them without {@code rules.}. */
    public Map<String, String> settingsUsed() {
        return Map.of(AGE.key(), RuleProperties.text(age), FLOOR.key(), RuleProperties.text(floorUsd));
    }

    /** How many windows an exporter's first period spans. */
    public long periodWindows() {
        return Math.max(1, (age.toMillis() + windows.sizeMs() - 1) / windows.sizeMs());
    }

    /**
     * Whether a declaration lodged at {@code lodged} falls in a window past the first period of an exporter first seen at
     * {@code firstSeen} or earlier: then it cannot count toward that period.
     */
    public boolean pastFirstPeriod(long firstSeen, long lodged) {
        return windows.startOf(lodged) >= windows.startOf(firstSeen) + periodWindows() * windows.sizeMs();
    }

    /** The start of the exporter's first period: the start of the window of its first declaration. */
    public long periodStart(TraderLedger ledger) {
        return windows.startOf(ledger.getFirstSeen().toEpochMilli());
    }

    public long periodEnd(TraderLedger ledger) {
        return periodStart(ledger) + periodWindows() * windows.sizeMs();
    }

    /** A tier's PROVISIONAL alert, once its running value has reached the floor. */
    public Optional<Alert> whileOpen(String exporterKey, TraderLedger ledger, TierActivity tier) {
        return fires(tier) ? Optional.of(alert(AlertStatus.PROVISIONAL, exporterKey, ledger, tier)) : Optional.empty();
    }

    /** A tier's FINAL alert when the period has closed over the floor. */
    public Optional<Alert> whenClosed(String exporterKey, TraderLedger ledger, TierActivity tier) {
        return fires(tier) ? Optional.of(alert(AlertStatus.FINAL, exporterKey, ledger, tier)) : Optional.empty();
    }

    /** The key of a tier in an exporter's ledger: list and category, whatever the list's version. */
    public static String tierKey(ListReference list) {
        return list.getListId() + ":" + list.getCategory();
    }

    private boolean fires(TierActivity tier) {
        return total(tier).compareTo(floorUsd) >= 0;
    }

    private static BigDecimal total(TierActivity tier) {
        return tier.getWindows().stream().map(TierWindow::getValueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private Alert alert(AlertStatus status, String exporterKey, TraderLedger ledger, TierActivity tier) {
        BigDecimal total = total(tier).setScale(2, RoundingMode.HALF_EVEN);
        ListReference list = tier.getList();
        TierWindow first = tier.getWindows().stream().min((a, b) -> a.getFlowKey().compareTo(b.getFlowKey())).orElseThrow();
        long declarations = tier.getWindows().stream().mapToLong(TierWindow::getDeclarationCount).sum();
        TreeSet<String> samples = new TreeSet<>();
        tier.getWindows().forEach(w -> samples.addAll(w.getSampleDeclarationIds()));
        long start = periodStart(ledger);
        long days = periodWindows() * windows.sizeMs() / 86_400_000L;
        String summary = String.format(Locale.ROOT, "New exporter %s, first declaration %s: %s of %s %s goods to restricted destinations"
                        + " within %d days (floor %s), %d declaration%s, e.g. %s",
                ledger.getName(), ledger.getFirstSeen().toString().substring(0, 10), Money.usd(total), list.getListId(), list.getCategory(),
                days, Money.usd(floorUsd), declarations, declarations == 1 ? "" : "s",
                AlertFactory.describe(FlowKeys.flow(first.getFlowKey()), first.getGoodsDescription(), List.of(list)));
        return AlertFactory.base(id(), status, FlowKeys.flow(first.getFlowKey()), Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(periodEnd(ledger)), total, null, null, summary, List.of(list))
                .setAlertId(AlertIds.of(id(), exporterKey, tierKey(list)))
                .setTopParties(List.of(PartyValue.newBuilder().setName(ledger.getName()).setValueUsd(total).build()))
                .setSampleDeclarationIds(new ArrayList<>(samples).subList(0, Math.min(Samples.LIMIT, samples.size())))
                .build();
    }
}
