package org.customssentinel.producer.generate;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.function.ToDoubleFunction;

/**
 * Monthly value profiles (US dollars) that follow the published figures the scenarios are built on.
 * Seasonality is zero-sum over a calendar year, so annual totals stay exactly on the published figure.
 */
final class Profiles {

    /** China→Russia integrated circuits (HS 8542), 2022 by month, $M: 179 in all (2021: 74). */
    private static final double[] CN_RU_ICS_2022 = {6.2, 6.0, 4.0, 8, 11, 14, 16, 18, 20, 22, 24, 29.8};
    /** Armenia→Russia integrated circuits, April to December 2022, $M: 13 in all (2021: under $2,000). */
    private static final double[] AM_RU_ICS_2022_APR_DEC = {0.3, 0.6, 0.9, 1.2, 1.4, 1.6, 2.0, 2.4, 2.6};
    /** Kyrgyzstan→Russia all exports, 2022 by month, $M: 1,070 in all (2021: 393). */
    private static final double[] KG_RU_2022 = {33, 33, 45, 60, 75, 90, 100, 110, 120, 125, 130, 149};

    private Profiles() {
    }

    /** Mild zero-sum seasonality: +/-8% over the year, peaking in spring. */
    static double seasonal(YearMonth month) {
        return 1 + 0.08 * Math.sin(2 * Math.PI * (month.getMonthValue() - 1) / 12.0);
    }

    static double cnRuIntegratedCircuits(YearMonth month) {
        return switch (month.getYear()) {
            case 2021 -> 74e6 / 12 * seasonal(month);
            case 2022 -> CN_RU_ICS_2022[month.getMonthValue() - 1] * 1e6;
            default -> month.getYear() < 2021 ? 74e6 / 12 * seasonal(month) : 16e6 * seasonal(month);
        };
    }

    /** China→Russia CNC machine tools: about $6.5M in February 2022, rising steadily to about $68M in July 2023. */
    static double cnRuCncMachineTools(YearMonth month) {
        YearMonth february2022 = YearMonth.of(2022, 2);
        YearMonth july2023 = YearMonth.of(2023, 7);
        if (month.isBefore(YearMonth.of(2022, 1))) {
            return 5.5e6;
        }
        if (month.equals(YearMonth.of(2022, 1))) {
            return 6.0e6;
        }
        if (month.isAfter(july2023)) {
            return 68e6;
        }
        long months = february2022.until(month, ChronoUnit.MONTHS);
        double monthlyGrowth = Math.pow(68.0 / 6.5, 1.0 / 17);
        return 6.5e6 * Math.pow(monthlyGrowth, months);
    }

    static double amRuIntegratedCircuits(YearMonth month) {
        if (month.getYear() < 2022 || (month.getYear() == 2022 && month.getMonthValue() < 4)) {
            return 125;
        }
        if (month.getYear() == 2022) {
            return AM_RU_ICS_2022_APR_DEC[month.getMonthValue() - 4] * 1e6;
        }
        return 1.2e6;
    }

    static double kgRuAllExports(YearMonth month) {
        return switch (month.getYear()) {
            case 2022 -> KG_RU_2022[month.getMonthValue() - 1] * 1e6;
            case 2023 -> 95e6 * seasonal(month);
            default -> 393e6 / 12 * seasonal(month);
        };
    }

    /** Share of Kyrgyz exports to Russia that are Common High Priority List goods: 5% before, 35% by end of 2022. */
    static double kgRuChplShare(YearMonth month) {
        return switch (month.getYear()) {
            case 2022 -> 0.05 + 0.30 * (month.getMonthValue() - 1) / 11.0;
            case 2023 -> 0.30;
            default -> 0.05;
        };
    }

    /** Flat until February 2022, then a straight climb to {@code december2022}, then {@code after}. */
    static double rampFrom2022(YearMonth month, double before, double december2022, double after) {
        if (month.getYear() < 2022 || (month.getYear() == 2022 && month.getMonthValue() <= 2)) {
            return before;
        }
        if (month.getYear() == 2022) {
            return before + (december2022 - before) * (month.getMonthValue() - 2) / 10.0;
        }
        return after;
    }

    /** Background trade: steady, seasonal. */
    static double steady(YearMonth month, double perMonth) {
        return perMonth * seasonal(month);
    }

    /** The same flow held at its 2021 level: the false-positive check. */
    static double heldAt2021(ToDoubleFunction<YearMonth> profile, YearMonth month) {
        return profile.applyAsDouble(YearMonth.of(2021, month.getMonthValue()));
    }
}
