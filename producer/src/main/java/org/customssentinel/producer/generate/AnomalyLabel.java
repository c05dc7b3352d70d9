package org.customssentinel.producer.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An anomaly a scenario planted, as ground truth for scoring rule settings: a trade flow (dispatch, destination,
 * HS-6), the windows it spans (the start dates of its first and last weekly window), the rules meant to catch it
 * (names of AlertRule) and what it is.
 */
public record AnomalyLabel(String dispatch, String destination, String hsCode, LocalDate firstWindow, LocalDate lastWindow,
                           List<String> rules, String description) {

    public AnomalyLabel {
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(hsCode, "hs code");
        if (lastWindow.isBefore(firstWindow)) {
            throw new IllegalArgumentException("last window " + lastWindow + " is before the first " + firstWindow);
        }
        rules = List.copyOf(rules);
        description = description == null ? "" : description;
    }

    /** The flow as the alerts and the query API name it, e.g. {@code CN|RU|845811}. */
    public String flow() {
        return dispatch + "|" + destination + "|" + hsCode;
    }
}
