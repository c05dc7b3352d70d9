package org.customssentinel.producer.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An anomaly a scenario planted, as ground truth for scoring rule settings: a trade flow (dispatch, destination,
 * HS-6; with the country of origin for a TRANSSHIPMENT route, else null), the windows it spans (the start dates of its
 * first and last weekly window), the rules meant to catch it (names of AlertRule) and what it is.
 */
public record AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                           List<String> rules, String description, String origin) {

    /** A label on a trade flow. */
    public AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                        List<String> rules, String description) {
        this(dispatch, destination, hsCode, firstWindow, lastWindow, rules, description, null);
    }

    public AnomalyLabel {
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(hsCode, "hs code");
        if (lastWindow.isBefore(firstWindow)) {
            throw new IllegalArgumentException("last window " + lastWindow + " is before the first " + firstWindow);
        }
        rules = List.copyOf(rules);
        description = description == null ? "" : description;
        origin = origin == null || origin.isBlank() ? null : origin;
    }

    /** The flow as the alerts and the query API name it, e.g. {@code CN|RU|845811}, or a route: {@code KG|RU|854231|DE}. */
    public String flow() {
        return origin == null ? tradeFlow() : tradeFlow() + "|" + origin;
    }

    /** The trade flow the label's goods move in: for a route, the flow from its country of dispatch. */
    public String tradeFlow() {
        return dispatch + "|" + destination + "|" + hsCode;
    }
}
