package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A setting a rule declares for itself: its key under {@code rules.}, what it means in one line, its default, how its
 * text is read and checked, and how it is written back. {@code --config}, {@code rules set}, {@code rules show},
 * {@code --help} and the settings recorded on alerts all read it from here.
 *
 * @param key         the key without {@code rules.}, e.g. {@code surge.windows}
 * @param description what it does, one line
 * @param defaultValue the value when nothing sets it
 * @param parser      reads a value, throwing {@link IllegalArgumentException} saying why a bad one is bad
 * @param text        a value as {@code --config} takes it; empty for an optional setting left unset
 */
public record Setting<T>(String key, String description, T defaultValue, Function<String, T> parser, Function<T, Optional<String>> text) {

    /** A whole number of windows, at least 1. */
    public static Setting<Integer> windows(String key, int defaultValue, String description) {
        return new Setting<>(key, description, defaultValue, text -> {
            int n = number(text, Integer::parseInt);
            if (n < 1) {
                throw new IllegalArgumentException("must be at least 1, was " + n);
            }
            return n;
        }, n -> Optional.of(String.valueOf(n)));
    }

    /** An amount of money in USD, above zero; {@code 250_000} reads as 250000. */
    public static Setting<BigDecimal> money(String key, String defaultValue, String description) {
        return new Setting<>(key, description, new BigDecimal(defaultValue), text -> {
            BigDecimal usd = number(text.replace("_", ""), BigDecimal::new);
            if (usd.signum() <= 0) {
                throw new IllegalArgumentException("must be above zero, was " + usd);
            }
            return usd;
        }, usd -> Optional.of(RuleProperties.text(usd)));
    }

    /** A ratio above 1. */
    public static Setting<Double> ratio(String key, double defaultValue, String description) {
        return new Setting<>(key, description, defaultValue, text -> {
            double ratio = number(text, Double::parseDouble);
            if (!(ratio > 1)) {
                throw new IllegalArgumentException("must be above 1, was " + text);
            }
            return ratio;
        }, ratio -> Optional.of(RuleProperties.text(ratio)));
    }

    /** A positive ISO-8601 duration, {@code P90D}. */
    public static Setting<Duration> duration(String key, Duration defaultValue, String description) {
        return new Setting<>(key, description, defaultValue, text -> {
            Duration age;
            try {
                age = Duration.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("must be a positive duration such as P90D, was " + age);
            }
            return age;
        }, age -> Optional.of(RuleProperties.text(age)));
    }

    /** A value that is unset by default, read by {@code parser} when given. */
    public static <V> Setting<Optional<V>> optional(String key, Function<String, V> parser, String description) {
        return new Setting<>(key, description, Optional.empty(), text -> Optional.of(parser.apply(text)), value -> value.map(Object::toString));
    }

    /** The key as {@code --config} spells it. */
    public String configKey() {
        return RuleProperties.PREFIX + key;
    }

    /** {@code value} read as this setting's type, or the error naming the key and the value. */
    public T parse(String value) {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configKey() + "=" + value + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} as {@code --config} takes it, if set. */
    public Optional<String> write(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return text.apply(typed);
    }

    private static <N> N number(String text, Function<String, N> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }
}
