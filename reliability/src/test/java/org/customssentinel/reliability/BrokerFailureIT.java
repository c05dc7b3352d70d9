package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.customssentinel.localstack.cluster.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Kafka node SIGKILLed while the producer publishes and the streams app processes, restarted 10-20 s later on its
 * data: nothing lost, nothing doubled, the same FINAL alerts as an uninterrupted run.
 */
@ExtendWith(FaultSuite.class)
class BrokerFailureIT {

    /** Three years of event time in about 20 s: the replay is still running when the node dies. */
    static final String PACE = "4800000x";

    private final FaultSuite.Context suite;

    BrokerFailureIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @AfterEach
    void clusterWhole() throws Exception {
        ClusterHealth.restoreAll(suite.cluster());
    }

    @Test
    void shouldLoseAndDoubleNothingWhenANodeIsKilledMidReplay() throws Exception {
        Random random = suite.random("node-killed");
        int victim = random.nextInt(3);
        replayKilling(random, "node " + victim + " killed", pipeline -> victim);
    }

    @Test
    void shouldLoseAndDoubleNothingWhenTheLeaderOfTheAlertsTopicIsKilled() throws Exception {
        Random random = suite.random("alerts-leader-killed");
        replayKilling(random, "alerts leader killed", pipeline -> ClusterHealth.leaderOf(suite.cluster(), pipeline.topics().alerts(), 0));
    }

    private interface Victim {
        int choose(Pipeline pipeline) throws Exception;
    }

    private void replayKilling(Random random, String scenario, Victim victim) throws Exception {
        Pipeline pipeline = suite.pipeline(scenario.replace(' ', '-'));
        pipeline.loadReference();
        LocalCluster cluster = suite.cluster().cluster();
        try (SentinelProcess streams = pipeline.streams("a", List.of())) {
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--speed", PACE, "--timeout", "PT3M"))) {
                long killAfter = 4_000 + random.nextInt(8_000);
                long downFor = 10_000 + random.nextInt(10_001);
                Thread.sleep(killAfter);
                assertTrue(produce.isAlive(), "still publishing when the node dies: " + produce.tail());
                int node = victim.choose(pipeline);
                long pid = cluster.node(node).pid();
                cluster.node(node).kill();
                System.out.printf("%s: SIGKILL node %d (pid %d) %d ms into the replay, down for %d ms (seed %d)%n", scenario, node, pid,
                        killAfter, downFor, suite.seed());
                Thread.sleep(downFor);
                cluster.restart(node);
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), "the producer finishes: " + produce.tail());
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            assertTrue(streams.isAlive(), "the app rode it out: " + streams.tail());
            streams.stop(Duration.ofMinutes(1));
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), scenario, 1, null);
    }
}
