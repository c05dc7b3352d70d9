package org.customssentinel.producer.publish;

import java.util.Locale;
import java.util.Optional;

/**
 * How fast to replay: {@code max} (as fast as the broker takes) or {@code Nx}, N seconds of event time per wall
 * second ({@code 3600x} is an hour per second, {@code 1x} real time).
 */
public record Speed(Optional<Double> factor) {

    public static final Speed MAX = new Speed(Optional.empty());

    public static Speed parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("max")) {
            return MAX;
        }
        if (value.endsWith("x")) {
            try {
                double factor = Double.parseDouble(value.substring(0, value.length() - 1));
                if (factor > 0 && Double.isFinite(factor)) {
                    return new Speed(Optional.of(factor));
                }
            } catch (NumberFormatException e) {
                // Falls through to the usage message.
            }
        }
        throw new IllegalArgumentException("--speed must be 'max' or a positive factor such as 3600x or 1x, was '" + text + "'");
    }

    @Override
    public String toString() {
        return factor.map(f -> (f == Math.rint(f) ? String.valueOf(f.longValue()) : String.valueOf(f)) + "x").orElse("max");
    }
}
