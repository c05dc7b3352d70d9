package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.customssentinel.streams.app.Replays;

/**
 * The guarantees every fault test checks against the uninterrupted run, and the line each prints for the table in the
 * issue note: the same FINAL alerts by id and figures, each FINAL read once, every declaration of the file on the topic
 * once and processed once.
 */
final class Verdict {

    private Verdict() {
    }

    /** {@code failover}: seconds from a kill to its work running again elsewhere, or null when not measured. */
    static void assertSameAsUninterrupted(FaultSuite.Context suite, Outcome run, String scenario, int kills, Double failover) {
        Map<String, String> clean = suite.clean().finals();
        Set<String> missing = new TreeSet<>(clean.keySet());
        missing.removeAll(run.finals().keySet());
        Set<String> extra = new TreeSet<>(run.finals().keySet());
        extra.removeAll(clean.keySet());
        long changed = clean.keySet().stream().filter(id -> run.finals().containsKey(id) && !Objects.equals(clean.get(id), run.finals().get(id)))
                .count();
        Map<String, Long> duplicates = run.duplicateFinals();
        Set<String> ids = suite.ids().ids();
        Map<String, Long> notOnceOnTopic = Outcome.notExactlyOnce(ids, run.declarations());
        Map<String, Long> notProcessedOnce = Outcome.notExactlyOnce(ids, run.enriched());
        long onTopic = run.declarations().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("FAULT-RESULT | %s | kills %d | declarations in %d | on the topic %d | FINAL clean %d | FINAL faulted %d"
                        + " | missing %d | extra %d | changed %d | duplicates %d | not processed once %d | failover %s | seed %d%n",
                scenario, kills, ids.size(), onTopic, clean.size(), run.finals().size(), missing.size(), extra.size(), changed,
                duplicates.size(), notProcessedOnce.size(), failover == null ? "-" : String.format("%.1f s", failover), suite.seed());
        assertAll(
                () -> assertTrue(clean.size() > 20, "a real comparison: " + clean.size() + " FINAL alerts"),
                () -> assertTrue(clean.equals(run.finals()), "FINAL alerts by id and figures: " + Replays.difference(clean, run.finals())),
                () -> assertEquals(Map.of(), duplicates, "a read_committed reader sees each FINAL once"),
                () -> assertEquals(Map.of(), sample(notOnceOnTopic), "every declaration of the file on the topic once"),
                () -> assertEquals(Map.of(), sample(notProcessedOnce), "every declaration enriched once: none dropped, none doubled"));
    }

    private static Map<String, Long> sample(Map<String, Long> wrong) {
        return wrong.size() <= 10 ? wrong : Map.of("(" + wrong.size() + " ids, for example) " + wrong.keySet().iterator().next(),
                wrong.values().iterator().next());
    }
}
