package org.customssentinel.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.customssentinel.avro.Alert;

/**
 * What a change of rules does to ops' inbox: the FINAL alerts setting B raises that A does not (added), those A raises
 * that B does not (removed), and those both raise with other figures (changed), by alert id.
 */
public record AlertDiff(List<Alert> added, List<Alert> removed, List<Alert[]> changed) {

    public static AlertDiff between(BacktestResult a, BacktestResult b) {
        Map<String, Alert> before = finalsById(a);
        Map<String, Alert> after = finalsById(b);
        List<Alert> added = new ArrayList<>();
        List<Alert> removed = new ArrayList<>();
        List<Alert[]> changed = new ArrayList<>();
        after.forEach((id, alert) -> {
            Alert old = before.get(id);
            if (old == null) {
                added.add(alert);
            } else if (!Objects.equals(old.getSummary(), alert.getSummary()) || !Objects.equals(old.getSeverity(), alert.getSeverity())) {
                changed.add(new Alert[] {old, alert});
            }
        });
        before.forEach((id, alert) -> {
            if (!after.containsKey(id)) {
                removed.add(alert);
            }
        });
        return new AlertDiff(added, removed, changed);
    }

    private static Map<String, Alert> finalsById(BacktestResult result) {
        Map<String, Alert> finals = new LinkedHashMap<>();
        result.finals().forEach(f -> finals.put(f.alert().getAlertId(), f.alert()));
        return finals;
    }
}
