package org.customssentinel.schemas.declaration;

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

    /** Whether {@code code} is already an HS code as the contract carries it: 6 to 10 digits, no separators. */
    public static boolean isDigits(String code) {
        if (code.length() < 6 || code.length() > 10) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The 6-digit subheading, the level flows are aggregated at. */
    public String hs6() {
        return digits.substring(0, 6);
    }
}
