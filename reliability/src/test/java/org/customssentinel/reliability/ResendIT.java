package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.streams.app.Replays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An analyst's replay sent again, or a retried job: {@code sentinel produce} run twice on the same file must not double
 * a flow total or an alert. The app drops what it has counted; what it no longer remembers (lodged over 90 days before
 * its newest declaration) meets a closed window and is rejected as LATE: counted nowhere twice either way.
 */
@ExtendWith(FaultSuite.class)
class ResendIT {

    private static final Pattern DUPLICATES = Pattern.compile("^sentinel_declarations_duplicate_total (\\S+)$", Pattern.MULTILINE);

    private final FaultSuite.Context suite;

    ResendIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @Test
    void shouldGiveTheAlertsAndWindowsOfOneProduceWhenTheSameFileIsProducedTwice() throws Exception {
        Pipeline pipeline = suite.pipeline("produced-twice");
        pipeline.loadReference();
        double duplicates;
        try (SentinelProcess streams = pipeline.streams("a", List.of())) {
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            for (int time = 1; time <= 2; time++) {
                try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--timeout", "PT3M"))) {
                    assertEquals(0, produce.awaitExit(Duration.ofMinutes(3)), "produce #" + time + ": " + produce.tail());
                }
                pipeline.awaitConsumed(Duration.ofMinutes(5));
            }
            pipeline.awaitWindowsSettled();
            duplicates = duplicatesDropped(streams);
            streams.stop(Duration.ofMinutes(1));
        }
        Outcome twice = pipeline.outcome();
        Outcome once = suite.clean();
        long onTopic = twice.declarations().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("FAULT-RESULT | the file produced twice | kills 0 | declarations in %d | on the topic %d | FINAL clean %d"
                        + " | FINAL faulted %d | duplicates dropped %.0f | rejected %s | seed %d%n", suite.ids().count(), onTopic,
                once.finals().size(), twice.finals().size(), duplicates, twice.rejectedByReason(), suite.seed());
        assertEquals(2L * suite.ids().count(), onTopic, "the producer did send the file twice");
        assertTrue(once.finals().equals(twice.finals()), "FINAL alerts by id and figures: " + Replays.difference(once.finals(), twice.finals()));
        assertEquals(Map.of(), twice.duplicateFinals(), "each FINAL once");
        assertTrue(once.windows().equals(twice.windows()), "every window's latest totals, counts and baselines, open ones too: "
                + Replays.difference(once.windows(), twice.windows()));
        assertEquals(Map.of(), Outcome.notExactlyOnce(suite.ids().ids(), twice.enriched()), "each declaration enriched once");
        long late = twice.rejectedByReason().getOrDefault("LATE", 0L) - once.rejectedByReason().getOrDefault("LATE", 0L);
        assertEquals(suite.ids().count(), (long) duplicates + late, "every second copy dropped as a duplicate or rejected as LATE");
        assertTrue(duplicates > 0, "copies within the retention are dropped, not rejected");
        assertEquals(0L, twice.rejectedByReason().getOrDefault("CONFLICTING_DUPLICATE", 0L), "the same content is no conflict");
    }

    /** What the app's /metrics says it dropped. */
    private static double duplicatesDropped(SentinelProcess streams) throws Exception {
        Matcher count = DUPLICATES.matcher(Pipeline.metrics(streams));
        assertTrue(count.find(), "sentinel_declarations_duplicate_total in /metrics");
        return Double.parseDouble(count.group(1));
    }
}
