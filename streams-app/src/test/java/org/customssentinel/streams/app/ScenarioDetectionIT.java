package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.streams.flow.FlowKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios end to end on the real broker and registry, six partitions, exactly once: chpl-surge raises what it
 * plants and what the published figures imply; steady raises nothing.
 */
@ExtendWith(LocalStackExtension.class)
class ScenarioDetectionIT {

    private final StackEndpoints stack;
    private Replays replays;

    @TempDir
    Path stateDir;

    ScenarioDetectionIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void replays() {
        replays = new Replays(stack, stateDir);
    }

    @Test
    void shouldFindTheSurgesSpikesAndNewFlowsOfChplSurge() throws Exception {
        List<Alert> alerts = replay("chpl-surge");
        Set<String> surges = finals(alerts, AlertRule.SURGE);
        assertTrue(surges.containsAll(Set.of("CN|RU|845811", "CN|RU|845891", "CN|RU|845961")),
                "the China->Russia CNC machine tools rise tenfold against the pre-sanctions average: " + surges);
        assertTrue(surges.contains("AM|RU|854231"), "Armenia->Russia integrated circuits from nothing: " + surges);
        Set<String> spikes = finals(alerts, AlertRule.SPIKE);
        assertTrue(spikes.containsAll(Set.of("HK|RU|854231", "AE|RU|880730", "TR|RU|848210")), "the planted spikes: " + spikes);
        Alert hongKong = alerts.stream().filter(a -> a.getRule() == AlertRule.SPIKE && a.getStatus() == AlertStatus.FINAL
                && a.getFlow().getDispatchCountry().equals("HK")).findFirst().orElseThrow();
        assertEquals("Grand Meridian Components Ltd", hongKong.getTopParties().get(0).getName(), "the new trader behind it");
        assertTrue(alerts.stream().anyMatch(a -> a.getRule() == AlertRule.WATCHLIST_HIT), "listed parties in the spikes");
        assertEquals(Set.of("KZ|RU|854231|DE"), finals(alerts, AlertRule.TRANSSHIPMENT), "the planted route, German chips through Kazakhstan");
        List<Instant> routeWeeks = alerts.stream().filter(a -> a.getRule() == AlertRule.TRANSSHIPMENT && a.getStatus() == AlertStatus.FINAL)
                .map(Alert::getWindowStart).sorted().toList();
        assertEquals(Instant.parse("2022-03-03T00:00:00Z"), routeWeeks.get(0), "its first week over $50k");
        for (int i = 1; i < routeWeeks.size(); i++) {
            assertTrue(Duration.between(routeWeeks.get(i - 1), routeWeeks.get(i)).toDays() >= 13 * 7, "once per 13 weeks: " + routeWeeks);
        }
        assertTrue(routeWeeks.size() >= 5, "a busy route is called again each quarter: " + routeWeeks);
        Set<String> newTraders = alerts.stream().filter(a -> a.getRule() == AlertRule.NEW_TRADER && a.getStatus() == AlertStatus.FINAL)
                .map(a -> a.getTopParties().get(0).getName()).collect(Collectors.toSet());
        assertTrue(newTraders.containsAll(Set.of("Bosphorus Nova Dis Ticaret Ltd. Sti.", "Grand Meridian Components Ltd",
                "Falcon Gulf General Trading FZE", "Kapadokya Lojistik Ltd. Sti.")), "the planted trader and the spikes' new ones: " + newTraders);
        assertTrue(alerts.stream().noneMatch(a -> a.getRule() != AlertRule.NEW_TRADER && FlowKeys.key(a.getFlow()).equals("TR|RU|851762")),
                "the planted trader adds half again to its flow: no flow rule fires on it");
        assertEquals(Set.of("CN|RU|854232"), alerts.stream().filter(a -> AlertRules.idOf(a).equals("UNIT_VALUE")
                && a.getStatus() == AlertStatus.FINAL).map(a -> FlowKeys.key(a.getFlow())).collect(Collectors.toSet()),
                "the planted misdeclared memories, and nothing else at its value per kg");
        for (Alert provisional : alerts.stream().filter(a -> a.getStatus() == AlertStatus.PROVISIONAL).toList()) {
            assertTrue(alerts.stream().anyMatch(a -> a.getAlertId().equals(provisional.getAlertId()) && a.getStatus() == AlertStatus.FINAL),
                    "every PROVISIONAL is borne out: " + provisional.getSummary());
        }
    }

    @Test
    void shouldRaiseTheSameFinalAlertsOnASecondReplay() throws Exception {
        Replays.Replay replay = replays.prepare("chpl-surge");
        // A quarter of the scenario: determinism does not depend on volume, and two full replays were four minutes a build.
        replays.publish(replay, "chpl-surge", 0.25, Speed.MAX);
        List<Alert> once = replays.run(replay, "first");
        List<Alert> again = replays.run(replay, "second");
        assertEquals(Replays.finalFigures(once), Replays.finalFigures(again), "same ids, same figures, whatever the interleaving");
        assertTrue(Replays.finalFigures(once).size() > 40, "a real comparison: " + Replays.finalFigures(once).size());
    }

    @Test
    void shouldRaiseNothingOnSteadyTrade() throws Exception {
        List<Alert> alerts = replay("steady");
        assertEquals(List.of(), alerts.stream().map(Alert::getSummary).toList());
    }

    private List<Alert> replay(String scenario) throws Exception {
        Replays.Replay replay = replays.prepare(scenario);
        replays.publish(replay, scenario, 1.0, Speed.MAX);
        return replays.run(replay, "app");
    }

    private static Set<String> finals(List<Alert> alerts, AlertRule rule) {
        return alerts.stream().filter(a -> a.getRule() == rule && a.getStatus() == AlertStatus.FINAL)
                .map(a -> FlowKeys.key(a.getFlow()))
                .collect(Collectors.toSet());
    }
}
