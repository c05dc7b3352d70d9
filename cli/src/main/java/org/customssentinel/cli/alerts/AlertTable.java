package org.customssentinel.cli.alerts;

import java.util.Locale;

import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.alert.AlertRules;

/** Alerts as fixed columns that fit a 120-column terminal; the summary takes what is left. Shared by {@code alerts} and {@code backtest}. */
public final class AlertTable {

    private static final int WIDTH = 120;
    private static final String FORMAT = "%-10s %-8s %-19s %-11s %-22s ";

    private AlertTable() {
    }

    public static String header() {
        return fit(String.format(Locale.ROOT, FORMAT, "WINDOW", "SEVERITY", "RULE", "STATUS", "FLOW") + "SUMMARY");
    }

    public static String row(Alert alert) {
        String origin = alert.getFlow().getOriginCountry() == null ? "" : alert.getFlow().getOriginCountry() + ">";
        String flow = origin + alert.getFlow().getDispatchCountry() + "->" + alert.getFlow().getDestinationCountry() + " " + alert.getFlow().getHsCode();
        String summary = alert.getSummary();
        int colon = summary.indexOf(": ");
        // The flow is in its own column; the summary's own flow prefix would only repeat it (a party's alert starts with the party).
        String rule = AlertRules.idOf(alert);
        if (colon > 0 && !rule.equals("WATCHLIST_HIT") && !rule.equals("NEW_TRADER")) {
            summary = summary.substring(colon + 2);
        }
        return fit(String.format(Locale.ROOT, FORMAT, alert.getWindowStart().toString().substring(0, 10), alert.getSeverity(),
                rule, alert.getStatus(), flow) + summary);
    }

    private static String fit(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }
}
