package org.customssentinel.producer.reference;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ISO 3166-1 alpha-2 codes for the English country names lists write in remarks ("(Russia)", "(Korea, North)"). */
final class Countries {

    private final Map<String, String> byName = new HashMap<>();

    Countries() {
        for (String code : Locale.getISOCountries()) {
            byName.put(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
        // Names OFAC uses that differ from the JDK's.
        Map.of("russia", "RU", "iran", "IR", "korea, north", "KP", "korea, south", "KR", "burma", "MM", "turkey", "TR",
                "hong kong", "HK", "macau", "MO", "syria", "SY", "united states", "US").forEach(byName::put);
        Map.of("czech republic", "CZ", "vietnam", "VN", "kyrgyzstan", "KG", "moldova", "MD", "laos", "LA",
                "taiwan", "TW", "venezuela", "VE", "bolivia", "BO", "tanzania", "TZ", "palestinian", "PS").forEach(byName::put);
        Map.of("congo, democratic republic of the", "CD", "united kingdom", "GB", "uk", "GB", "turkiye", "TR",
                "belarus", "BY", "uae", "AE", "cote d ivoire", "CI", "region: crimea", "UA").forEach(byName::put);
    }

    /** The code of a country name, a code given as such, or null when unknown. */
    String code(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        if (trimmed.length() == 2 && trimmed.chars().allMatch(Character::isLetter)) {
            return trimmed.toUpperCase(Locale.ROOT);
        }
        return byName.get(trimmed.toLowerCase(Locale.ROOT));
    }
}
