package org.customssentinel.streams.screening;

import java.util.Locale;
import java.util.Set;

/**
 * Trader identifiers as screening compares them. Lists and declarations write the same number differently: with
 * spaces, dashes or dots ({@code 0430.033.662}), and EORI numbers carry the issuing country in front
 * ({@code RU7725824287} for Russian tax number 7725824287). An identifier's key is its letters and digits in upper
 * case, without such a country prefix.
 */
public final class Identifiers {

    /** Shorter identifiers (a 4-digit licence number) are too often someone else's to count as evidence. */
    static final int MIN_LENGTH = 6;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Identifiers() {
    }

    /** An identifier reduced to its key, and the country its prefix names (null when it has none). */
    public record Key(String value, String prefixCountry) {
    }

    /**
     * The key of an identifier, or null when too little is left to be evidence. A leading pair of letters that names
     * a country and is followed by a digit is taken as an EORI-style prefix.
     */
    public static Key key(String identifier) {
        if (identifier == null) {
            return null;
        }
        StringBuilder plain = new StringBuilder(identifier.length());
        for (int i = 0; i < identifier.length(); i++) {
            char c = Character.toUpperCase(identifier.charAt(i));
            if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                plain.append(c);
            }
        }
        String value = plain.toString();
        String country = null;
        if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))
                && Character.isDigit(value.charAt(2)) && COUNTRIES.contains(value.substring(0, 2))) {
            country = value.substring(0, 2);
            value = value.substring(2);
        }
        return value.length() < MIN_LENGTH ? null : new Key(value, country);
    }

    /** Whether a declared and a listed identifier with equal keys can be the same: their countries do not conflict. */
    public static boolean sameCountry(String declaredCountry, String listedCountry) {
        return declaredCountry == null || listedCountry == null || declaredCountry.equalsIgnoreCase(listedCountry);
    }

    /** The declared country of an identifier: its prefix, else the party's country of establishment. */
    public static String declaredCountry(Key key, String partyCountry) {
        return key.prefixCountry() != null ? key.prefixCountry() : partyCountry;
    }
}
