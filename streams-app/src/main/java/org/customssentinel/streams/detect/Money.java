package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.Locale;

/** Dollar amounts as a summary line shows them: $12.4M, $950k, $1,234. */
final class Money {

    private Money() {
    }

    static String usd(BigDecimal amount) {
        double value = amount.doubleValue();
        if (value >= 1e9) {
            return String.format(Locale.ROOT, "$%.2fbn", value / 1e9);
        }
        if (value >= 1e6) {
            return String.format(Locale.ROOT, value >= 1e8 ? "$%.0fM" : value >= 1e7 ? "$%.1fM" : "$%.2fM", value / 1e6);
        }
        if (value >= 1e4) {
            return String.format(Locale.ROOT, "$%.0fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "$%,.0f", value);
    }
}
