package org.customssentinel.schemas.declaration;

import java.util.Optional;

/** A Harmonized System code: 6 to 10 digits once spaces and dots are stripped ({@code 8542.31} is {@code 854231}). */
public record HsCode(String digits) {

    // Checked by hand, not by a regex: a replay checks every goods item twice, and the matcher showed in its profile.
    public HsCode {
        if (!isDigits(digits)) {
            throw new IllegalArgumentException("an HS code has 6 to 10 digits, not '" + digits + "'");
        }
    }

    /** The code written as declared, normalized; empty when it is not an HS code. */
    public static Optional<HsCode> parse(String declared) {
        String digits = declared.replace(" ", "").replace(".", "");
        return isDigits(digits) ? Optional.of(new HsCode(digits)) : Optional.empty();
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
