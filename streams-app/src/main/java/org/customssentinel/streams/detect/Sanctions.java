package org.customssentinel.streams.detect;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who restricts exports and to where: the rules that follow evasion (TRANSSHIPMENT, NEW_TRADER) ask it.
 *
 * <p>The default coalition is the countries that apply the Russia/Belarus export restrictions on the Common High
 * Priority List goods together: the EU's 27 (Council Regulation (EU) No 833/2014), the US (the EAR's Russia and
 * Belarus rules, 15 CFR part 746), the UK, Japan, Canada, Switzerland, Norway, South Korea, Taiwan, Australia and New
 * Zealand, as the joint EU/US/UK/Japan guidance on the CHPL names them. The restricted destinations are Russia and
 * Belarus.
 *
 * @param coalition              countries that restrict the exports: goods made there are the goods of interest
 * @param restrictedDestinations where those goods must not go
 */
public record Sanctions(Set<String> coalition, Set<String> restrictedDestinations) {

    public static final Set<String> EU_27 = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    public Sanctions {
        coalition = Set.copyOf(new TreeSet<>(coalition));
        restrictedDestinations = Set.copyOf(new TreeSet<>(restrictedDestinations));
        coalition.forEach(Sanctions::requireCountry);
        restrictedDestinations.forEach(Sanctions::requireCountry);
    }

    public static Sanctions defaults() {
        Set<String> coalition = new TreeSet<>(EU_27);
        coalition.addAll(Set.of("US", "GB", "JP", "CA", "CH", "NO", "KR", "TW", "AU", "NZ"));
        return new Sanctions(coalition, Set.of("RU", "BY"));
    }

    public boolean isRestricted(String destination) {
        return destination != null && restrictedDestinations.contains(destination);
    }

    /**
     * Goods made in a coalition country, dispatched from a third country (neither in the coalition nor the
     * destination itself) to a restricted destination.
     */
    public boolean isRoute(String origin, String dispatch, String destination) {
        return origin != null && dispatch != null && coalition.contains(origin) && isRestricted(destination)
                && !coalition.contains(dispatch) && !dispatch.equals(destination);
    }

    public Sanctions withCoalition(Set<String> countries) {
        return new Sanctions(countries, restrictedDestinations);
    }

    public Sanctions withRestrictedDestinations(Set<String> countries) {
        return new Sanctions(coalition, countries);
    }

    private static void requireCountry(String country) {
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
        }
    }
}
