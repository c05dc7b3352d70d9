package org.customssentinel.producer.validate;

import java.util.Optional;

/** A Harmonized System code: 6 to 10 digits once spaces and dots are stripped ({@code 8542.31} is {@code 854231}). */
public record HsCode(String digits) {

    public HsCode {
        if (!digits.matches("\\d{6,10}")) {
            throw new IllegalArgumentException("an HS code has 6 to 10 digits, not '" + digits + "'");
        }
    }

    /** The code written as declared, normalized; empty when it is not an HS code. */
    public static Optional<HsCode> parse(String declared) {
        String digits = declared.replace(" ", "").replace(".", "");
        return digits.matches("\\d{6,10}") ? Optional.of(new HsCode(digits)) : Optional.empty();
    }

    /** The 6-digit subheading, the level flows are aggregated at. */
    public String hs6() {
        return digits.substring(0, 6);
    }
}
