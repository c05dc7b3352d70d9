package org.customssentinel.schemas.topic;

import java.util.regex.Pattern;

/**
 * The names of the topics Customs Sentinel reads and writes: the documented defaults, or every one of them behind a
 * prefix ({@code --topic-prefix}), so that several pipelines (a test's, a tenant's, a rehearsal's) share one cluster.
 * The one place a topic name is spelled.
 *
 * @param prefix put before every name; empty for the defaults
 */
public record TopicNames(String prefix) {

    public static final String DECLARATIONS = "customs.declarations";
    public static final String REJECTED = "customs.declarations.rejected";
    public static final String HS_CLASSIFICATIONS = "customs.reference.hs-classifications";
    public static final String WATCHLIST = "customs.reference.watchlist";
    public static final String RULES = "customs.reference.rules";
    public static final String ENRICHED = "customs.declarations.enriched";
    public static final String FLOWS_WINDOWED = "customs.flows.windowed";
    public static final String ALERTS = "customs.alerts";
    public static final String RISK = "customs.declarations.risk";
    public static final String DISPOSITIONS = "customs.alerts.dispositions";

    /** Kafka's own rule for topic names: these characters, and at most 249 of them. */
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public TopicNames {
        if (prefix == null || !LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may hold only letters, digits, '.', '_' and '-'"
                    + " (at most 200 of them)");
        }
    }

    public static TopicNames defaults() {
        return new TopicNames("");
    }

    public String declarations() {
        return prefix + DECLARATIONS;
    }

    public String rejected() {
        return prefix + REJECTED;
    }

    public String hsClassifications() {
        return prefix + HS_CLASSIFICATIONS;
    }

    public String watchlist() {
        return prefix + WATCHLIST;
    }

    public String rules() {
        return prefix + RULES;
    }

    public String enriched() {
        return prefix + ENRICHED;
    }

    public String flowsWindowed() {
        return prefix + FLOWS_WINDOWED;
    }

    public String risk() {
        return prefix + RISK;
    }

    public String alerts() {
        return prefix + ALERTS;
    }

    public String dispositions() {
        return prefix + DISPOSITIONS;
    }
}
