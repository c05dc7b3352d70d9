package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.localstack.cluster.LocalCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two of three nodes down: below min.insync.replicas (2) and without a controller quorum, nothing can be written. The
 * producer waits and finishes once they return, or past its --timeout fails with one line saying how many declarations
 * were acknowledged; the streams app pauses and resumes without loss.
 */
@ExtendWith(FaultSuite.class)
class MinInSyncReplicasIT {

    private static final Pattern ACKNOWLEDGED = Pattern.compile("([\\d,]+) of the ([\\d,]+) declarations sent were acknowledged");

    private final FaultSuite.Context suite;

    MinInSyncReplicasIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @AfterEach
    void clusterWhole() throws Exception {
        ClusterHealth.restoreAll(suite.cluster());
    }

    @Test
    void shouldWaitWhileTwoOfThreeNodesAreDownAndFinishWithNothingLost() throws Exception {
        Random random = suite.random("below-min-isr");
        List<Integer> victims = twoOfThree(random);
        Pipeline pipeline = suite.pipeline("below-min-isr");
        pipeline.loadReference();
        LocalCluster cluster = suite.cluster().cluster();
        try (SentinelProcess streams = pipeline.streams("a", List.of())) {
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            try (SentinelProcess produce = pipeline.produce(suite.scenario(),
                    List.of("--speed", BrokerFailureIT.PACE, "--timeout", "PT3M"))) {
                long killAfter = 4_000 + random.nextInt(8_000);
                Thread.sleep(killAfter);
                for (int node : victims) {
                    cluster.node(node).kill();
                }
                System.out.printf("below min ISR: SIGKILL nodes %s %d ms into the replay, down for 30 s (seed %d)%n", victims,
                        killAfter, suite.seed());
                Thread.sleep(30_000);
                assertTrue(produce.isAlive(), "the producer waits rather than give up: " + produce.tail());
                assertTrue(streams.isAlive(), "the app waits rather than stop: " + streams.tail());
                for (int node : victims) {
                    cluster.restart(node);
                }
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), "the producer finishes once they are back: " + produce.tail());
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            assertTrue(streams.isAlive(), "the app resumed: " + streams.tail());
            streams.stop(Duration.ofMinutes(1));
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "two of three nodes down 30 s", 2, null);
    }

    @Test
    void shouldFailPastItsTimeoutSayingHowManyDeclarationsWereAcknowledged() throws Exception {
        Random random = suite.random("producer-timeout");
        List<Integer> victims = twoOfThree(random);
        Pipeline pipeline = suite.pipeline("producer-timeout");
        LocalCluster cluster = suite.cluster().cluster();
        String output;
        try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--speed", BrokerFailureIT.PACE, "--timeout", "PT10S"))) {
            produce.awaitOutput(Pattern.compile("."), Duration.ofMinutes(1));
            Thread.sleep(3_000 + random.nextInt(4_000));
            for (int node : victims) {
                cluster.node(node).kill();
            }
            int exit = produce.awaitExit(Duration.ofMinutes(2));
            output = produce.output();
            assertNotEquals(0, exit, "past --timeout the producer gives up: " + produce.tail());
        } finally {
            for (int node : victims) {
                cluster.restart(node);
            }
        }
        List<String> errors = output.lines().filter(line -> line.startsWith("sentinel produce: ")).toList();
        assertEquals(1, errors.size(), "one line says what happened: " + output);
        assertTrue(!output.contains("\tat "), "no stack trace: " + output);
        Matcher counts = ACKNOWLEDGED.matcher(errors.get(0));
        assertTrue(counts.find(), errors.get(0));
        long acknowledged = Long.parseLong(counts.group(1).replace(",", ""));
        long sent = Long.parseLong(counts.group(2).replace(",", ""));
        System.out.printf("producer past --timeout PT10S: %s%n", errors.get(0));
        assertTrue(acknowledged > 0 && acknowledged < suite.ids().count() && acknowledged <= sent, errors.get(0));
        // Acknowledged means written to the in-sync replicas: all of them are there once the nodes are back.
        long onTopic = new TopicReader(pipeline.clients()).countByKey(pipeline.topics().declarations()).size();
        assertTrue(onTopic >= acknowledged, onTopic + " declarations on the topic, " + acknowledged + " acknowledged");
    }

    private static List<Integer> twoOfThree(Random random) {
        List<Integer> nodes = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(nodes, random);
        return List.copyOf(nodes.subList(0, 2));
    }
}
