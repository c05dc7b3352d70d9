package org.customssentinel.producer.reference;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.avro.HsClassification;

/**
 * The one line a command prints of the reference data it uses: each classification list and watchlist with its
 * version and entries, so nobody screens against the wrong lists without seeing it.
 */
public final class ReferenceInForce {

    private ReferenceInForce() {
    }

    /** {@code reference data in force: classification CHPL 2024-02-23 (45 entries), ...; watchlists OFAC-SDN ...}. */
    public static String line(List<HsClassification> classifications, List<Watchlist> watchlists) {
        Map<String, Integer> lists = new TreeMap<>();
        classifications.forEach(c -> lists.merge(c.getListId() + " " + c.getListVersion(), 1, Integer::sum));
        StringBuilder line = new StringBuilder("reference data in force: classification ");
        line.append(lists.isEmpty() ? "none" : String.join(", ", lists.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s (%,d entries)", e.getKey(), e.getValue())).toList()));
        line.append("; watchlists ");
        line.append(watchlists.isEmpty() ? "none" : String.join(", ", watchlists.stream().map(Watchlist::describe).toList()));
        return line.toString();
    }
}
