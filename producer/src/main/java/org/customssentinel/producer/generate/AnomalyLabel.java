package org.customssentinel.producer.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Ground truth for scoring rule settings: an anomaly a scenario planted, or an alert ops judged. A trade flow
 * (dispatch, destination, HS-6; with the country of origin for a TRANSSHIPMENT route, else null), the windows it spans
 * (the start dates of its first and last weekly window), the rules meant to catch it (rule ids), what it is, and for
 * a judged alert its verdict: CONFIRMED (a case, as a planted anomaly is) or DISMISSED (a known false positive).
 */
public record AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                           List<String> rules, String description, String origin, Verdict verdict) {

    /** Where a label comes from, and what an alert matching it is. */
    public enum Verdict {
        /** Planted by a scenario or written by an analyst: an anomaly to catch. */
        PLANTED,
        /** An alert ops confirmed: a case to catch. */
        CONFIRMED,
        /** An alert ops dismissed: an alert matching it (and no case) is a known false positive. */
        DISMISSED
    }

    /** A label on a trade flow. */
    public AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                        List<String> rules, String description) {
        this(dispatch, destination, hsCode, firstWindow, lastWindow, rules, description, null);
    }

    /** A planted anomaly. */
    public AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                        List<String> rules, String description, String origin) {
        this(dispatch, destination, hsCode, firstWindow, lastWindow, rules, description, origin, Verdict.PLANTED);
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
        verdict = verdict == null ? Verdict.PLANTED : verdict;
    }

    /** An anomaly to catch: planted, or confirmed by ops. */
    public boolean isCase() {
        return verdict != Verdict.DISMISSED;
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
