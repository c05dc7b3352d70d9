package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ops rely on whatever happens on the way: the same FINAL alerts whether declarations arrive as a backlog at full
 * speed or paced while the app runs, and none twice after the app is killed mid-replay and restarted. A quarter of
 * chpl-surge (the same money in fewer declarations) keeps them quick.
 */
@ExtendWith(LocalStackExtension.class)
class DeliverySemanticsIT {

    private static final String SCENARIO = "chpl-surge";
    private static final double SCALE = 0.25;

    private final StackEndpoints stack;
    private Replays replays;

    @TempDir
    Path stateDir;

    DeliverySemanticsIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void replays() {
        replays = new Replays(stack, stateDir);
    }

    @Test
    void shouldRaiseTheSameFinalAlertsWhetherInputArrivesAtMaxSpeedOrPaced() throws Exception {
        Replays.Replay backlog = replays.prepare("max");
        replays.publish(backlog, SCENARIO, SCALE, Speed.MAX);
        Map<String, String> atMaxSpeed = Replays.finalFigures(replays.run(backlog, "app"));

        Replays.Replay live = replays.prepare("paced");
        StreamsSettings settings = replays.settings(live, "app");
        List<Alert> paced;
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)));
            // Three years of event time in about 25 s: declarations trickle in while the app runs.
            replays.publish(live, SCENARIO, SCALE, Speed.parse("4000000x"));
            replays.awaitConsumed(settings, Duration.ofMinutes(2));
            paced = replays.readAll(settings.topology().topics().alerts());
        }
        assertTrue(atMaxSpeed.size() > 20, "a real comparison: " + atMaxSpeed.size());
        assertEquals(atMaxSpeed, Replays.finalFigures(paced));
    }

    @Test
    void shouldNotDuplicateAFinalAlertAfterTheAppIsKilledAndRestarted() throws Exception {
        Replays.Replay replay = replays.prepare("crash");
        replays.publish(replay, SCENARIO, SCALE, Speed.MAX);
        Map<String, String> uninterrupted = Replays.finalFigures(replays.run(replay, "clean"));

        StreamsSettings settings = replays.settings(replay, "crashed");
        String alertsTopic = settings.topology().topics().alerts();
        Path log = Files.createDirectories(Path.of("target", "streams-child")).resolve("crash-" + replay.prefix() + "log");
        Process child = StreamsChild.start(replays.clients(), replay, "crashed", stateDir, log);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (replays.read(alertsTopic, 10, Duration.ofSeconds(1)).size() < 10) {
                assertTrue(child.isAlive(), "the child died on its own; see " + log.toAbsolutePath());
                assertTrue(System.nanoTime() < deadline, "no alert committed within 2 min; see " + log.toAbsolutePath());
            }
            StreamsChild.kill(child);
            assertFalse(replays.consumed(settings.applicationId(), settings.topology().topics().declarations()),
                    "killed mid-replay, with declarations still to process");

            child = StreamsChild.start(replays.clients(), replay, "crashed", stateDir, log);
            replays.awaitConsumed(settings, Duration.ofMinutes(3));
            StreamsChild.stop(child, Duration.ofSeconds(60));
        } finally {
            child.destroyForcibly();
        }
        List<Alert> alerts = replays.readAll(alertsTopic);
        Map<String, Long> finalsById = alerts.stream().filter(a -> a.getStatus() == AlertStatus.FINAL)
                .collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
        assertEquals(Map.of(), finalsById.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "a read_committed reader sees each FINAL once");
        assertEquals(uninterrupted, Replays.finalFigures(alerts), "and the same FINAL alerts as a run never interrupted");
        assertTrue(uninterrupted.size() > 20, "a real comparison: " + uninterrupted.size());
    }
}
