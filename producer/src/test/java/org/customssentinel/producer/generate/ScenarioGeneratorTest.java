package org.customssentinel.producer.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios follow the published figures they cite (within 10%), and are the same for the same seed.
 * Figures: China→Russia integrated circuits $74M (2021) and $179M (2022); China→Russia CNC machine tools about
 * $6.5M in February 2022 and $68M in July 2023; Armenia→Russia integrated circuits under $2,000 (2021) and about
 * $13M (2022); Kyrgyzstan→Russia exports $393M (2021) and $1.07bn (2022).
 */
class ScenarioGeneratorTest {

    private static final Set<String> CNC = Set.of("845811", "845891", "845961");

    private static List<Declaration> surge;

    @BeforeAll
    static void generate() {
        surge = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 42, null, null, 1.0).declarations().forEachRemaining(surge::add);
    }

    private static double total(String dispatch, Predicate<GoodsItem> goods, LocalDate from, LocalDate toExclusive) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Declaration d : surge) {
            LocalDate day = d.getLodgedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (d.getCountryOfDispatch().equals(dispatch) && d.getCountryOfDestination().equals("RU")
                    && !day.isBefore(from) && day.isBefore(toExclusive)) {
                for (GoodsItem item : d.getItems()) {
                    if (goods.test(item)) {
                        sum = sum.add(item.getValueUsd());
                    }
                }
            }
        }
        return sum.doubleValue();
    }

    private static Predicate<GoodsItem> hs(String prefix) {
        return item -> item.getHsCode().startsWith(prefix);
    }

    private static double year(String dispatch, Predicate<GoodsItem> goods, int year) {
        return total(dispatch, goods, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    }

    private static double month(String dispatch, Predicate<GoodsItem> goods, YearMonth month) {
        return total(dispatch, goods, month.atDay(1), month.plusMonths(1).atDay(1));
    }

    private static void assertWithinTenPercent(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= 0.10 * expected,
                () -> String.format("%s: %.3g, expected %.3g +/-10%%", what, actual, expected));
    }

    @Test
    void shouldFollowChinaToRussiaIntegratedCircuits() {
        assertWithinTenPercent(74e6, year("CN", hs("8542"), 2021), "CN->RU HS 8542 in 2021");
        assertWithinTenPercent(179e6, year("CN", hs("8542"), 2022), "CN->RU HS 8542 in 2022");
    }

    @Test
    void shouldFollowChinaToRussiaCncMachineTools() {
        assertWithinTenPercent(6.5e6, month("CN", i -> CNC.contains(i.getHsCode()), YearMonth.of(2022, 2)), "CN->RU CNC in Feb 2022");
        assertWithinTenPercent(68e6, month("CN", i -> CNC.contains(i.getHsCode()), YearMonth.of(2023, 7)), "CN->RU CNC in Jul 2023");
    }

    @Test
    void shouldFollowArmeniaToRussiaIntegratedCircuits() {
        double in2021 = year("AM", hs("8542"), 2021);
        assertTrue(in2021 > 0 && in2021 < 2_000, "AM->RU HS 8542 in 2021 under $2,000: " + in2021);
        assertWithinTenPercent(13e6, year("AM", hs("8542"), 2022), "AM->RU HS 8542 in 2022");
    }

    @Test
    void shouldFollowKyrgyzstanToRussiaExports() {
        assertWithinTenPercent(393e6, year("KG", i -> true, 2021), "KG->RU in 2021");
        assertWithinTenPercent(1.07e9, year("KG", i -> true, 2022), "KG->RU in 2022");
    }

    @Test
    void shouldPlantTheHongKongProcessorSpikeAtTwelveTimesAnOrdinaryWeek() {
        LocalDate spikeWeek = LocalDate.of(2022, 9, 15);
        double spike = total("HK", hs("854231"), spikeWeek, spikeWeek.plusWeeks(1));
        List<Double> before = new ArrayList<>();
        for (int w = 1; w <= 6; w++) {
            LocalDate start = spikeWeek.minusWeeks(w);
            before.add(total("HK", hs("854231"), start, start.plusWeeks(1)));
        }
        before.sort(Comparator.naturalOrder());
        double median = (before.get(2) + before.get(3)) / 2;
        assertTrue(spike >= 10 * median, () -> "spike week " + spike + " vs 6-week median " + median);
        assertTrue(surge.stream().anyMatch(d -> d.getExporter().getName().equals("Grand Meridian Components Ltd")));
    }

    /** Value per kg of CN→RU memories in the week from {@code start}. */
    private static double usdPerKg(LocalDate start) {
        BigDecimal usd = BigDecimal.ZERO;
        BigDecimal kg = BigDecimal.ZERO;
        for (Declaration d : surge) {
            LocalDate day = d.getLodgedAt().atZone(ZoneOffset.UTC).toLocalDate();
            if (d.getCountryOfDispatch().equals("CN") && d.getCountryOfDestination().equals("RU") && !day.isBefore(start)
                    && day.isBefore(start.plusWeeks(1))) {
                for (GoodsItem item : d.getItems()) {
                    if (item.getHsCode().startsWith("854232")) {
                        usd = usd.add(item.getValueUsd());
                        kg = kg.add(item.getNetMassKg());
                    }
                }
            }
        }
        return usd.doubleValue() / kg.doubleValue();
    }

    @Test
    void shouldPlantTheMisdeclaredMemoriesAtATenthOfTheFlowsValuePerKg() {
        LocalDate planted = LocalDate.of(2023, 3, 16);
        List<Double> before = new ArrayList<>();
        for (int w = 1; w <= 6; w++) {
            before.add(usdPerKg(planted.minusWeeks(w)));
        }
        before.sort(Comparator.naturalOrder());
        double median = (before.get(2) + before.get(3)) / 2;
        assertTrue(usdPerKg(planted) <= median / 5, () -> "planted week " + usdPerKg(planted) + " $/kg vs 6-week median " + median);
        assertTrue(before.get(5) <= before.get(0) * 2, () -> "ordinary weeks hold their value per kg: " + before);
        assertTrue(ScenarioGenerator.create("chpl-surge", 42, null, null, 1.0).labels().stream()
                .anyMatch(l -> l.rules().equals(List.of("UNIT_VALUE")) && l.hsCode().equals("854232")
                        && l.firstWindow().equals(LocalDate.of(2023, 3, 16))), "labelled for UNIT_VALUE");
    }

    @Test
    void shouldGiveTheSameDeclarationsForTheSameSeedAndOthersForAnother() {
        List<Declaration> again = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 42, LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), 1.0)
                .declarations().forEachRemaining(again::add);
        List<Declaration> march = surge.stream().filter(d -> YearMonth.from(d.getLodgedAt().atZone(ZoneOffset.UTC))
                .equals(YearMonth.of(2022, 3))).toList();
        assertEquals(march, again);
        List<Declaration> otherSeed = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 43, LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31), 1.0)
                .declarations().forEachRemaining(otherSeed::add);
        assertNotEquals(march, otherSeed);
    }

    @Test
    void shouldEmitInEventTimeOrderWithUniqueIdsMostlyOnWeekdays() {
        Set<String> ids = new HashSet<>();
        Map<DayOfWeek, Integer> byDay = new HashMap<>();
        for (int i = 0; i < surge.size(); i++) {
            Declaration d = surge.get(i);
            assertTrue(ids.add(d.getDeclarationId()), "duplicate id " + d.getDeclarationId());
            if (i > 0) {
                assertTrue(!d.getLodgedAt().isBefore(surge.get(i - 1).getLodgedAt()), "out of order at " + d.getDeclarationId());
            }
            byDay.merge(d.getLodgedAt().atZone(ZoneOffset.UTC).getDayOfWeek(), 1, Integer::sum);
        }
        assertTrue(byDay.get(DayOfWeek.WEDNESDAY) > 5 * byDay.get(DayOfWeek.SUNDAY), byDay.toString());
    }

    @Test
    void shouldHoldSteadyFlowsAtTheir2021Level() {
        List<Declaration> steady = new ArrayList<>();
        ScenarioGenerator.create("steady", 42, LocalDate.of(2023, 7, 1), LocalDate.of(2023, 7, 31), 1.0)
                .declarations().forEachRemaining(steady::add);
        BigDecimal cnc = steady.stream().filter(d -> d.getCountryOfDispatch().equals("CN") && d.getCountryOfDestination().equals("RU"))
                .flatMap(d -> d.getItems().stream()).filter(i -> CNC.contains(i.getHsCode()))
                .map(GoodsItem::getValueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertWithinTenPercent(5.5e6, cnc.doubleValue(), "steady CN->RU CNC in Jul 2023");
        assertTrue(steady.stream().noneMatch(d -> d.getExporter().getName().equals("Grand Meridian Components Ltd")));
    }
}
