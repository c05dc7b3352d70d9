package org.customssentinel.streams.risk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.customssentinel.avro.RiskLane;

/**
 * How a declaration's indicators add up to a score, and where the lanes start.
 *
 * @param weights      indicator to the points it adds ({@link #INDICATORS}): {@code rules.risk.weight.<indicator>}
 * @param yellow       the least score of the YELLOW lane ({@code rules.risk.lane.yellow})
 * @param orange       ORANGE from here
 * @param red          RED from here
 * @param alertWindows a flow's alert counts for declarations up to this many windows after the alert's window
 * @param destinations how much of a list tier's weight applies, by where the goods go
 */
public record RiskSettings(Map<String, Integer> weights, int yellow, int orange, int red, int alertWindows, Destinations destinations) {

    /**
     * A list tier says what the goods are; where they go says whether that matters. The share of a tier's weight that
     * applies, in per cent: to a restricted destination ({@code rules.restricted-destinations}), to a third country
     * with documented diversion ({@code rules.risk.diversion-destinations}), and anywhere else (intra-EU trade of
     * listed chips, say).
     *
     * @param restricted {@code rules.risk.destination.restricted}
     * @param diversion  {@code rules.risk.destination.diversion}
     * @param other      {@code rules.risk.destination.other}
     * @param diversionCountries ISO codes of the diversion countries
     */
    public record Destinations(int restricted, int diversion, int other, Set<String> diversionCountries) {

        /**
         * A starting list, to review against one's own intelligence: third countries that 2023 US and EU guidance on
         * Russian export-control evasion names as transshipment points, and through which the scenarios route goods.
         */
        public static final Set<String> DIVERSION_COUNTRIES = Set.of("AE", "AM", "AZ", "CN", "GE", "HK", "KG", "KZ", "RS", "TJ", "TR", "UZ");

        public Destinations {
            for (int share : new int[] {restricted, diversion, other}) {
                if (share < 0 || share > 100) {
                    throw new IllegalArgumentException("a destination's share of a list tier's weight is a per cent, 0 to 100, was " + share);
                }
            }
            diversionCountries = Set.copyOf(new TreeSet<>(diversionCountries));
        }

        /** Listed goods weigh fully where they must not go and where they are diverted from, not at all elsewhere. */
        public static Destinations defaults() {
            return new Destinations(100, 100, 0, DIVERSION_COUNTRIES);
        }

        /** What {@code destination} is to these settings, given where listed goods must not go. */
        public Kind kindOf(String destination, boolean restrictedDestination) {
            return restrictedDestination ? Kind.RESTRICTED : destination != null && diversionCountries.contains(destination) ? Kind.DIVERSION
                    : Kind.OTHER;
        }

        /** The share, in per cent, for {@code kind}. */
        public int share(Kind kind) {
            return switch (kind) {
                case RESTRICTED -> restricted;
                case DIVERSION -> diversion;
                case OTHER -> other;
            };
        }

        /** A kind of destination, as {@code rules.risk.destination.<kind>} names it. */
        public enum Kind {
            RESTRICTED, DIVERSION, OTHER;

            public String key() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Destinations withShare(Kind kind, int share) {
            return new Destinations(kind == Kind.RESTRICTED ? share : restricted, kind == Kind.DIVERSION ? share : diversion,
                    kind == Kind.OTHER ? share : other, diversionCountries);
        }

        public Destinations withDiversionCountries(Set<String> countries) {
            return new Destinations(restricted, diversion, other, countries);
        }
    }

    /** With the default destination shares. */
    public RiskSettings(Map<String, Integer> weights, int yellow, int orange, int red, int alertWindows) {
        this(weights, yellow, orange, red, alertWindows, Destinations.defaults());
    }

    /**
     * The indicators, by name: the highest list tier of the goods (CHPL tiers 1-4, another list's listed goods, a
     * candidate correlation only), a watch-listed party, a transshipment route, a flow or route with an alert, an
     * exporter raised as a NEW_TRADER.
     */
    public static final List<String> INDICATORS = List.of("tier-1", "tier-2", "tier-3", "tier-4", "listed", "candidate", "watchlist",
            "route", "alert", "new-trader");

    public RiskSettings {
        weights = Map.copyOf(weights);
        if (!weights.keySet().equals(Set.copyOf(INDICATORS))) {
            throw new IllegalArgumentException("risk weights must name exactly " + INDICATORS + ", were " + new TreeMap<>(weights).keySet());
        }
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("risk weights cannot be negative");
        }
        if (!(0 < yellow && yellow <= orange && orange <= red)) {
            throw new IllegalArgumentException("lane cut-offs must rise: 0 < yellow (" + yellow + ") <= orange (" + orange + ") <= red (" + red + ")");
        }
        if (alertWindows < 1) {
            throw new IllegalArgumentException("alert windows must be at least 1, was " + alertWindows);
        }
        Objects.requireNonNull(destinations, "destinations");
    }

    /**
     * Listed goods alone are GREEN wherever they go: what they are weighs only beside something about this trade. CHPL
     * Tier 1 goods to a restricted or diversion destination on a flow under an alert, or from a new trader, are
     * YELLOW; with both, or on a transshipment route, or to a watch-listed party, ORANGE; a watch-listed party with
     * listed goods, or a route under an alert, RED. Measured shares on the scenarios: docs/rules.md (Risk lanes).
     */
    public static RiskSettings defaults() {
        Map<String, Integer> weights = Map.of("tier-1", 15, "tier-2", 12, "tier-3", 8, "tier-4", 5, "listed", 12, "candidate", 3,
                "watchlist", 60, "route", 30, "alert", 25, "new-trader", 25);
        return new RiskSettings(weights, 20, 45, 70, 13, Destinations.defaults());
    }

    /** A list indicator's weight for goods going to a destination of {@code kind}: its weight times the kind's share. */
    public int weight(String indicator, Destinations.Kind kind) {
        return (int) Math.round(weights.get(indicator) * destinations.share(kind) / 100.0);
    }

    public int weight(String indicator) {
        return weights.get(indicator);
    }

    public RiskLane laneOf(int score) {
        return score >= red ? RiskLane.RED : score >= orange ? RiskLane.ORANGE : score >= yellow ? RiskLane.YELLOW : RiskLane.GREEN;
    }

    public RiskSettings withWeight(String indicator, int weight) {
        if (!INDICATORS.contains(indicator)) {
            throw new IllegalArgumentException("no risk indicator '" + indicator + "'; expected one of " + String.join(", ", INDICATORS));
        }
        Map<String, Integer> changed = new TreeMap<>(weights);
        changed.put(indicator, weight);
        return new RiskSettings(changed, yellow, orange, red, alertWindows, destinations);
    }

    public RiskSettings withAlertWindows(int windows) {
        return new RiskSettings(weights, yellow, orange, red, windows, destinations);
    }

    public RiskSettings withLanes(int newYellow, int newOrange, int newRed) {
        return new RiskSettings(weights, newYellow, newOrange, newRed, alertWindows, destinations);
    }

    public RiskSettings withDestinations(Destinations newDestinations) {
        return new RiskSettings(weights, yellow, orange, red, alertWindows, newDestinations);
    }
}
