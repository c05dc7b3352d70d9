package org.customssentinel.schemas.declaration;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2, as the JDK ships it (kept current with each Java update). */
public final class CountryCodes {

    private static final Set<String> ALPHA_2 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    private CountryCodes() {
    }

    public static boolean isValid(String code) {
        return ALPHA_2.contains(code);
    }
}
