package org.customssentinel.streams.detect;

import java.util.List;

/**
 * A detection rule: what it is called on alerts and in {@code --config}, and the settings it declares. What it is
 * judged on is the kind it implements: a flow's or route's windows ({@link WindowRule}), a declaration
 * ({@link DeclarationRule}) or an exporter's first period ({@link NewTraderRule}). {@link Rules} lists them all.
 */
public interface Rule {

    /** The rule's id on its alerts ({@code SPIKE}); alert ids start from it, so it never changes once released. */
    String id();

    /** What fires it, in one line: for {@code --help}, {@code rules show} and the docs. */
    String description();

    /** Its column in tables of alerts by rule: short, as {@code ROUTE} for TRANSSHIPMENT. */
    default String label() {
        return id();
    }

    /** The settings this rule alone reads ({@code rules.<key>}); the shared thresholds are the engine's. */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
