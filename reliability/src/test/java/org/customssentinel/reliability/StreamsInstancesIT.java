package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three {@code sentinel streams} processes under one application id, as a customs administration scales out: the
 * same alerts as one instance, whether one is SIGKILLed and left down or all three are restarted one after another
 * (three instances that simply run to the end are the rolling restart's first seconds and last minute; a test of
 * their own added three minutes and no fault). Failover (kill to its partitions processed again elsewhere) is
 * measured without and with a standby replica.
 */
@ExtendWith(FaultSuite.class)
class StreamsInstancesIT {

    private static final List<String> INSTANCES = Pipeline.THREE_INSTANCES;

    private final FaultSuite.Context suite;

    StreamsInstancesIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @AfterEach
    void clusterWhole() throws Exception {
        ClusterHealth.restoreAll(suite.cluster());
    }

    @Test
    void shouldFinishWithTheSameAlertsWhenOneOfThreeIsKilledAndLeftDown() throws Exception {
        killOneOfThree("one of three instances killed, no standby", 0, Protocol.CLASSIC);
    }

    /**
     * The streams rebalance protocol (KIP-1071): the broker moves the victim's tasks to the survivors without stopping
     * their other tasks, and Kafka Streams' streams-protocol path never skips the commit of a thread's healthy tasks
     * for a rebalance in progress, the skip behind the loss with a standby under the classic protocol.
     */
    @Test
    void shouldFailOverWithAStandbyUnderTheStreamsProtocol() throws Exception {
        killOneOfThree("one of three instances killed, one standby, streams protocol", 1, Protocol.STREAMS);
    }

    @Test
    @EnabledIfSystemProperty(named = "sentinel.fault.protocols", matches = "all")
    void shouldFailOverWithoutAStandbyUnderTheStreamsProtocol() throws Exception {
        killOneOfThree("one of three instances killed, no standby, streams protocol", 0, Protocol.STREAMS);
    }

    /**
     * Off by default: in one of two suite runs (seed 3448316846) this lost 68 declarations of a partition the victim
     * did not hold, whose outputs sat in an aborted transaction and were never processed again (the note on issue 10).
     * Read from Kafka Streams' TaskManager: a task taken over from a standby during the rebalance is found corrupted and
     * closed dirty, aborting the thread's shared transaction, while the commit of the other tasks meant to precede it is
     * skipped because a rebalance is in progress. The README says to run without standbys; this runs with
     * {@code -Dsentinel.fault.standby=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "sentinel.fault.standby", matches = "true")
    void shouldFailOverWithoutRestoringStateWhenAStandbyIsKept() throws Exception {
        killOneOfThree("one of three instances killed, one standby", 1, Protocol.CLASSIC);
    }

    @Test
    void shouldRaiseTheSameAlertsThroughARollingRestart() throws Exception {
        Random random = suite.random("rolling-restart");
        Pipeline pipeline = suite.pipeline("rolling-restart");
        List<SentinelProcess> instances = startThree(pipeline, List.of());
        try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--speed", BrokerFailureIT.PACE, "--timeout", "PT3M"))) {
            Thread.sleep(3_000 + random.nextInt(3_000));
            pipeline.replaceOneAtATime(instances, INSTANCES, SentinelBuild.current(), random);
            assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), produce.tail());
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            for (SentinelProcess instance : instances) {
                assertTrue(instance.isAlive(), instance.tail());
                instance.stop(Duration.ofMinutes(1));
            }
        } finally {
            instances.forEach(SentinelProcess::close);
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "rolling restart of three instances", 0, null);
    }

    private enum Protocol {
        CLASSIC, STREAMS;

        String option() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private void killOneOfThree(String scenario, int standbys, Protocol protocol) throws Exception {
        Random random = suite.random(scenario);
        Pipeline pipeline = suite.pipeline((standbys == 0 ? "instance-killed" : "instance-killed-standby")
                + (protocol == Protocol.STREAMS ? "-streams" : ""));
        List<String> options = List.of("--standby-replicas", String.valueOf(standbys), "--group-protocol", protocol.option());
        List<SentinelProcess> instances = startThree(pipeline, options);
        double failover;
        try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--speed", BrokerFailureIT.PACE, "--timeout", "PT3M"));
             GroupProbe group = new GroupProbe(pipeline.clients(), pipeline.applicationId(), protocol == Protocol.STREAMS)) {
            group.awaitMembers(3, Duration.ofMinutes(2));
            Thread.sleep(4_000 + random.nextInt(5_000));
            int victim = random.nextInt(3);
            // The tasks that process declarations and flow events; the query tables' partitions move only when an alert
            // or a window happens to be written to them.
            Set<TopicPartition> owned = group.partitionsOf(INSTANCES.get(victim), Set.of(pipeline.topics().declarations(),
                    pipeline.applicationId() + "-flow-events"));
            assertFalse(owned.isEmpty(), "the victim held partitions");
            long killedAt = System.nanoTime();
            instances.get(victim).kill();
            // A commit the victim had sent just before it died still lands: where it stands shows a moment later.
            Thread.sleep(2_000);
            Map<TopicPartition, Long> before = group.committed(owned);
            failover = group.secondsUntilAllMoved(before, killedAt, Duration.ofMinutes(3), INSTANCES.get(victim));
            System.out.printf("%s: SIGKILL instance %s holding %s; its partitions processed again after %.1f s (seed %d)%n", scenario,
                    INSTANCES.get(victim), owned, failover, suite.seed());
            assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), produce.tail());
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            for (int i = 0; i < instances.size(); i++) {
                if (i != victim) {
                    assertTrue(instances.get(i).isAlive(), instances.get(i).tail());
                    instances.get(i).stop(Duration.ofMinutes(1));
                }
            }
        } finally {
            instances.forEach(SentinelProcess::close);
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), scenario, 1, failover);
    }

    private List<SentinelProcess> startThree(Pipeline pipeline, List<String> options) throws Exception {
        pipeline.loadReference();
        return pipeline.startInstances(SentinelBuild.current(), INSTANCES, options);
    }
}
