package org.customssentinel.schemas.alert;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;

/** An alert's rule as an id, on alerts of every version of the contract. */
public final class AlertRules {

    private AlertRules() {
    }

    /** The rule that fired: {@code ruleId}, or on alerts written before it existed, the {@code rule} symbol. */
    public static String idOf(Alert alert) {
        return alert.getRuleId() != null ? alert.getRuleId() : alert.getRule().name();
    }

    /** The {@code rule} symbol an alert of this rule carries: its own where the enum has one, else OTHER. */
    public static AlertRule symbolOf(String ruleId) {
        for (AlertRule symbol : AlertRule.values()) {
            if (symbol != AlertRule.OTHER && symbol.name().equals(ruleId)) {
                return symbol;
            }
        }
        return AlertRule.OTHER;
    }
}
