package org.customssentinel.producer.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/** A Harmonized System code: 6 to 10 digits once spaces and dots are stripped ({@code 8542.31} is {@code 854231}). */
public record HsCode(String digits) {

    // Compiled once: String.matches would compile it for every goods item of a multi-million-row replay.
    private static final Pattern DIGITS = Pattern.compile("\\d{6,10}");

    public HsCode {
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("an HS code has 6 to 10 digits, not '" + digits + "'");
        }
    }

    /** The code written as declared, normalized; empty when it is not an HS code. */
    public static Optional<HsCode> parse(String declared) {
        String digits = declared.replace(" ", "").replace(".", "");
        return DIGITS.matcher(digits).matches() ? Optional.of(new HsCode(digits)) : Optional.empty();
    }

    /** The 6-digit subheading, the level flows are aggregated at. */
    public String hs6() {
        return digits.substring(0, 6);
    }
}
