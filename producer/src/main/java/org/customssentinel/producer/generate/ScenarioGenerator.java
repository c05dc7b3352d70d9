package org.customssentinel.producer.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;

/**
 * Synthetic declarations for a scenario, deterministic for a seed: each flow and month draws from its own random
 * stream, so the output depends only on the seed, the scenario and the dates. Emitted month by month in event-time
 * order, so memory holds one month at a time however long the range.
 *
 * <p>Each flow's declarations in a month are scaled to sum to the month's profile value (within +/-6% noise), so
 * totals follow the published figures whatever {@code scale} is: scale changes how many declarations carry that value.
 */
public final class ScenarioGenerator {

    private static final double MONTHLY_NOISE = 0.06;
    private static final double[] WEEKDAY_WEIGHT = {1.0, 1.0, 1.0, 1.0, 0.9, 0.25, 0.1};
    private static final Comparator<Declaration> EVENT_ORDER =
            Comparator.comparing(Declaration::getLodgedAt).thenComparing(Declaration::getDeclarationId);

    private final Scenario scenario;
    private final long seed;
    private final LocalDate from;
    private final LocalDate to;
    private final double scale;

    private ScenarioGenerator(Scenario scenario, long seed, LocalDate from, LocalDate to, double scale) {
        if (scale <= 0 || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("--scale must be a positive number, was " + scale);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        this.scenario = scenario;
        this.seed = seed;
        this.from = from;
        this.to = to;
        this.scale = scale;
    }

    /** The scenarios there are. */
    public static List<String> scenarioNames() {
        return Scenarios.NAMES;
    }

    /** One line about a scenario, for --help and listings. */
    public static String summary(String name) {
        return Scenarios.named(name).summary();
    }

    /**
     * @param from first day, or null for the scenario's own start
     * @param to   last day (inclusive), or null for the scenario's own end
     */
    public static ScenarioGenerator create(String name, long seed, LocalDate from, LocalDate to, double scale) {
        Scenario scenario = Scenarios.named(name);
        return new ScenarioGenerator(scenario, seed, from == null ? scenario.defaultFrom() : from,
                to == null ? scenario.defaultTo() : to, scale);
    }

    /** The anomalies this scenario plants between {@code from} and {@code to}: the ground truth for scoring rules. */
    public List<AnomalyLabel> labels() {
        return GroundTruth.of(scenario, from, to);
    }

    /** Roughly how many declarations {@link #declarations()} yields, for progress reports. */
    public double estimatedCount() {
        double count = 0;
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
            for (FlowSpec flow : scenario.allFlows()) {
                count += declarationsFor(flow, flow.monthlyUsd().applyAsDouble(month));
            }
        }
        return count;
    }

    /** Every declaration from {@code from} to {@code to}, in event-time order. */
    public Iterator<Declaration> declarations() {
        return new Iterator<>() {
            private YearMonth month = YearMonth.from(from);
            private Iterator<Declaration> current = List.<Declaration>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !month.isAfter(YearMonth.from(to))) {
                    current = month(month).iterator();
                    month = month.plusMonths(1);
                }
                return current.hasNext();
            }

            @Override
            public Declaration next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<Declaration> month(YearMonth month) {
        List<Declaration> declarations = new ArrayList<>();
        for (FlowSpec flow : scenario.allFlows()) {
            SplittableRandom random = new SplittableRandom(mix(seed, flow.code(), month.getYear() * 100L + month.getMonthValue()));
            double target = flow.monthlyUsd().applyAsDouble(month) * (1 + MONTHLY_NOISE * (2 * random.nextDouble() - 1));
            int count = declarationsFor(flow, target);
            List<LocalDate> days = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                days.add(weightedDay(month, random));
            }
            declarations.addAll(declarations(flow, flow.goods(), flow.exporters(), days, target, month, String.valueOf(flow.code()), 1, random));
        }
        for (int s = 0; s < scenario.spikes().size(); s++) {
            Spike spike = scenario.spikes().get(s);
            if (YearMonth.from(spike.weekStart()).equals(month)) {
                declarations.addAll(spike(spike, s, month));
            }
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return declarations.stream()
                .filter(d -> !d.getLodgedAt().isBefore(start) && d.getLodgedAt().isBefore(end))
                .sorted(EVENT_ORDER)
                .toList();
    }

    /** A burst of one exporter in one week: {@code multiple} times the flow's usual weekly value of the goods. */
    private List<Declaration> spike(Spike spike, int index, YearMonth month) {
        FlowSpec flow = scenario.flows().stream().filter(f -> f.code() == spike.flowCode()).findFirst().orElseThrow();
        Goods goods = flow.goods().stream().filter(g -> g.hsCode().equals(spike.hsCode())).findFirst().orElseThrow();
        double shareTotal = flow.goods().stream().mapToDouble(Goods::share).sum();
        double usualWeekly = flow.monthlyUsd().applyAsDouble(month) * goods.share() / shareTotal * 7 / month.lengthOfMonth();
        double value = usualWeekly * spike.multiple();
        SplittableRandom random = new SplittableRandom(mix(seed, 'S', index));
        // A new intermediary ships in bulk: consignments ten times the flow's usual size.
        int count = Math.max(3, (int) Math.round(value / (10 * flow.meanDeclarationUsd()) * scale));
        List<LocalDate> days = new ArrayList<>();
        while (days.size() < count) {
            LocalDate day = spike.weekStart().plusDays(random.nextInt(7));
            if (day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
                days.add(day);
            }
        }
        return declarations(flow, List.of(goods), List.of(spike.exporter()), days, value, month, "S" + index, spike.kgMultiple(), random);
    }

    private List<Declaration> declarations(FlowSpec flow, List<Goods> goods, List<String> exporters, List<LocalDate> days,
                                           double total, YearMonth month, String idCode, double kgMultiple, SplittableRandom random) {
        int count = days.size();
        double[] weights = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            // Log-normal declaration sizes: many modest consignments, a few large ones.
            weights[i] = Math.exp(0.8 * gaussian(random));
            sum += weights[i];
        }
        List<Declaration> declarations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double value = total * weights[i] / sum;
            String id = String.format("%s%s%d%02d%s%05d", flow.destination(), flow.dispatch(), month.getYear(),
                    month.getMonthValue(), idCode, i + 1);
            Instant lodgedAt = days.get(i).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(7 * 3600 + random.nextInt(12 * 3600));
            String exporter = zipf(exporters, random);
            String importer = zipf(flow.importers(), random);
            declarations.add(Declaration.newBuilder()
                    .setDeclarationId(id)
                    .setDeclarationType(flow.type())
                    .setLodgedAt(lodgedAt)
                    .setDeclarant(Party.newBuilder().setName(random.nextDouble() < 0.6 ? broker(flow.destination(), random) : importer).build())
                    .setExporter(Party.newBuilder().setName(exporter).setIdentifier(identifier(flow.dispatch(), exporter)).setCountry(flow.dispatch()).build())
                    .setImporter(Party.newBuilder().setName(importer).setIdentifier(identifier(flow.destination(), importer)).setCountry(flow.destination()).build())
                    .setCountryOfOrigin(flow.origin())
                    .setCountryOfDispatch(flow.dispatch())
                    .setCountryOfDestination(flow.destination())
                    .setCustomsOffice(flow.office())
                    .setTransportMode(flow.modes().get(random.nextInt(flow.modes().size())))
                    .setItems(items(goods, value, kgMultiple, random))
                    .build());
        }
        return declarations;
    }

    private static List<GoodsItem> items(List<Goods> goods, double value, double kgMultiple, SplittableRandom random) {
        double roll = random.nextDouble();
        int count = roll < 0.55 ? 1 : roll < 0.80 ? 2 : roll < 0.92 ? 3 : 4;
        double[] parts = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            parts[i] = 0.3 + random.nextDouble();
            sum += parts[i];
        }
        List<GoodsItem> items = new ArrayList<>(count);
        BigDecimal remaining = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
        for (int i = 0; i < count; i++) {
            Goods g = pick(goods, random);
            BigDecimal itemValue = i == count - 1 ? remaining
                    : BigDecimal.valueOf(value * parts[i] / sum).setScale(2, RoundingMode.HALF_EVEN);
            remaining = remaining.subtract(itemValue);
            double unitPrice = g.unitPrice(random.nextDouble());
            double quantity = g.unit().equals("pcs") ? Math.max(1, Math.round(itemValue.doubleValue() / unitPrice))
                    : Math.max(0.001, itemValue.doubleValue() / unitPrice);
            items.add(GoodsItem.newBuilder()
                    .setItemNumber(i + 1)
                    .setHsCode(g.hsCode())
                    .setDescription(g.description())
                    .setQuantity(BigDecimal.valueOf(quantity).setScale(3, RoundingMode.HALF_EVEN))
                    .setUnit(g.unit())
                    .setNetMassKg(BigDecimal.valueOf(quantity * g.kgPerUnit() * (0.9 + 0.2 * random.nextDouble()) * kgMultiple)
                            .setScale(3, RoundingMode.HALF_EVEN))
                    .setValueUsd(itemValue.max(BigDecimal.ZERO))
                    .build());
        }
        return items;
    }

    private int declarationsFor(FlowSpec flow, double monthValue) {
        if (monthValue <= 0) {
            return 0;
        }
        return Math.max(1, (int) Math.round(monthValue / flow.meanDeclarationUsd() * scale));
    }

    private static LocalDate weightedDay(YearMonth month, SplittableRandom random) {
        while (true) {
            LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
            if (random.nextDouble() < WEEKDAY_WEIGHT[day.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()]) {
                return day;
            }
        }
    }

    private static Goods pick(List<Goods> goods, SplittableRandom random) {
        double total = goods.stream().mapToDouble(Goods::share).sum();
        double roll = random.nextDouble() * total;
        for (Goods g : goods) {
            roll -= g.share();
            if (roll < 0) {
                return g;
            }
        }
        return goods.get(goods.size() - 1);
    }

    /** Zipf weights (s = 1.2): the first names are heavy repeaters, the last occasional. */
    private static String zipf(List<String> names, SplittableRandom random) {
        double total = 0;
        for (int i = 1; i <= names.size(); i++) {
            total += 1 / Math.pow(i, 1.2);
        }
        double roll = random.nextDouble() * total;
        for (int i = 1; i <= names.size(); i++) {
            roll -= 1 / Math.pow(i, 1.2);
            if (roll < 0) {
                return names.get(i - 1);
            }
        }
        return names.get(names.size() - 1);
    }

    private static String broker(String country, SplittableRandom random) {
        List<String> brokers = switch (country) {
            case "RU" -> List.of("OOO Tamozhenny Broker Alfa", "OOO Vneshtorg Deklarant", "OOO TLK Granitsa");
            case "FR" -> List.of("Transitaire Rhone SAS", "Douane Express Lyon SARL");
            case "CA" -> List.of("Northern Customs Brokers Inc.", "Borderline Clearance Ltd.");
            default -> List.of("Zollagentur Nord GmbH", "Hafen Zollservice GmbH");
        };
        return brokers.get(random.nextInt(brokers.size()));
    }

    /** A stable, made-up trader id per name: the same party always carries the same id. */
    private static String identifier(String country, String name) {
        return country + String.format("%010d", Math.floorMod(name.hashCode(), 1_000_000_000L) * 7L % 10_000_000_000L);
    }

    private static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static long mix(long seed, char code, long salt) {
        long h = seed * 0x9E3779B97F4A7C15L + code * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        h *= 0x7FB5D329728EA185L;
        return h ^ (h >>> 27);
    }
}
