package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.avro.RejectedRecord;

import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An analyst's replay sent twice, or a retried producer job: the same declarations published a second time on the
 * real broker must not double a flow total or an alert.
 */
@ExtendWith(LocalStackExtension.class)
class ResendIT {

    private static final double SCALE = 0.25;

    private final StackEndpoints stack;

    @TempDir
    Path stateDir;

    ResendIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void shouldRaiseTheSameAlertsAndWindowsWhenTheSameFileIsProducedTwice() throws Exception {
        Replays replays = new Replays(stack, stateDir);
        Replays.Replay once = replays.prepare("resend-once");
        long published = replays.publish(once, "chpl-surge", SCALE, Speed.MAX);
        Replays.Replay twice = replays.prepare("resend-twice");
        assertEquals(published, replays.publish(twice, "chpl-surge", SCALE, Speed.MAX));
        assertEquals(published, replays.publish(twice, "chpl-surge", SCALE, Speed.MAX), "the producer sends the file again");

        Map<String, String> alertsOnce = Replays.finalFigures(replays.run(once, "app"));
        Outputs first = outputs(replays, once);
        Map<String, String> alertsTwice = Replays.finalFigures(replays.run(twice, "app"));
        Outputs second = outputs(replays, twice);

        assertTrue(alertsOnce.size() > 10 && first.windows().size() > 100, "a real comparison: " + alertsOnce.size() + " alerts, "
                + first.windows().size() + " windows");
        assertTrue(alertsOnce.equals(alertsTwice), "FINAL alerts by id and figures: " + Replays.difference(alertsOnce, alertsTwice));
        assertTrue(first.windows().equals(second.windows()), "every window's latest totals, counts and baselines, open ones too: "
                + Replays.difference(first.windows(), second.windows()));
        // Ids are remembered for 90 days of event time: older copies reach the fan-out and are rejected there as LATE,
        // their windows long closed. Every other rejection is as with one produce, and no copy conflicts.
        second.rejected().remove("LATE");
        first.rejected().remove("LATE");
        assertEquals(first.rejected(), second.rejected(), "rejections by reason, LATE aside");
    }

    private record Outputs(Map<String, String> windows, Map<String, Long> rejected) {
    }

    private static Outputs outputs(Replays replays, Replays.Replay replay) {
        var topics = replays.settings(replay, "app").topology().topics();
        Map<String, Long> rejected = new TreeMap<>(replays.<RejectedRecord>read(topics.rejected(), Integer.MAX_VALUE, Duration.ofSeconds(5))
                .stream().collect(Collectors.groupingBy(r -> r.getReasons().get(0).getCode(), Collectors.counting())));
        return new Outputs(replays.latestWindows(topics.flowsWindowed()), rejected);
    }
}
