package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes a route a TRANSSHIPMENT route, and when it fires.
 *
 * <p>The default coalition is the countries that apply the Russia/Belarus export restrictions on the Common High
 * Priority List goods together (the EU's 27 under Council Regulation (EU) No 833/2014, the US under the EAR's Russia
 * and Belarus rules, the UK, Japan, Canada, Switzerland, Norway, South Korea, Taiwan, Australia and New Zealand), as
 * the EU, US, UK and Japan name them in their joint guidance on the CHPL.
 *
 * @param coalition     countries that restrict the exports: goods made there are the goods of interest
 * @param destinations  restricted destinations
 * @param floorUsd      a route's window value from which it fires
 * @param repeatWindows a route fires at most once per this many windows
 */
public record TransshipmentSettings(Set<String> coalition, Set<String> destinations, BigDecimal floorUsd, int repeatWindows) {

    public static final Set<String> EU_27 = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    public TransshipmentSettings {
        coalition = Set.copyOf(new TreeSet<>(coalition));
        destinations = Set.copyOf(new TreeSet<>(destinations));
        if (floorUsd.signum() <= 0) {
            throw new IllegalArgumentException("must be above zero, was " + floorUsd);
        }
        if (repeatWindows < 1) {
            throw new IllegalArgumentException("must be at least 1, was " + repeatWindows);
        }
        for (String country : coalition) {
            requireCountry(country);
        }
        for (String country : destinations) {
            requireCountry(country);
        }
    }

    public static TransshipmentSettings defaults() {
        Set<String> coalition = new TreeSet<>(EU_27);
        coalition.addAll(Set.of("US", "GB", "JP", "CA", "CH", "NO", "KR", "TW", "AU", "NZ"));
        return new TransshipmentSettings(coalition, Set.of("RU", "BY"), new BigDecimal("50000"), 13);
    }

    /**
     * Goods made in a coalition country, dispatched from a third country (neither in the coalition nor the
     * destination itself) to a restricted destination.
     */
    public boolean isRoute(String origin, String dispatch, String destination) {
        return origin != null && dispatch != null && destination != null && coalition.contains(origin) && destinations.contains(destination)
                && !coalition.contains(dispatch) && !dispatch.equals(destination);
    }

    public TransshipmentSettings withCoalition(Set<String> countries) {
        return new TransshipmentSettings(countries, destinations, floorUsd, repeatWindows);
    }

    public TransshipmentSettings withDestinations(Set<String> countries) {
        return new TransshipmentSettings(coalition, countries, floorUsd, repeatWindows);
    }

    public TransshipmentSettings withFloorUsd(BigDecimal floor) {
        return new TransshipmentSettings(coalition, destinations, floor, repeatWindows);
    }

    public TransshipmentSettings withRepeatWindows(int windows) {
        return new TransshipmentSettings(coalition, destinations, floorUsd, windows);
    }

    private static void requireCountry(String country) {
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
        }
    }
}
