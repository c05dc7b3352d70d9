package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A rolling upgrade in place, as a customs administration that cannot replay years of history upgrades: three
 * instances of the previous release ({@code reliability/upgrade-from}, built from git) start the replay; from a third
 * of it each is stopped and started on this build with {@code --upgrade-from}, one at a time, with the same application
 * id, state directory and topics, while the replay goes on; then each is restarted without it. The FINAL alerts must equal a clean run of this build: state written by the old
 * release (changelogs, local stores, the flow-events topic in flight) read by the new, nothing lost or doubled.
 */
@ExtendWith(FaultSuite.class)
class UpgradeInPlaceIT {

    private static final List<String> INSTANCES = Pipeline.THREE_INSTANCES;
    /** The release {@code reliability/upgrade-from} names, as {@code --upgrade-from} takes it. */
    private static final String UPGRADE_FROM = "0.9";

    private final FaultSuite.Context suite;

    UpgradeInPlaceIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @AfterEach
    void clusterWhole() throws Exception {
        ClusterHealth.restoreAll(suite.cluster());
    }

    @Test
    void shouldRaiseTheSameAlertsThroughARollingUpgradeFromThePreviousRelease() throws Exception {
        SentinelBuild previous = PreviousRelease.build();
        SentinelBuild current = SentinelBuild.current();
        Random random = suite.random("rolling-upgrade");
        Pipeline pipeline = suite.pipeline("rolling-upgrade");
        pipeline.loadReference(previous);
        List<SentinelProcess> instances = pipeline.startInstances(previous, INSTANCES, List.of());
        try {
            try (SentinelProcess produce = pipeline.produce(previous, suite.scenario(), List.of("--speed", BrokerFailureIT.PACE, "--timeout", "PT3M"))) {
                // chpl-surge's anomalies begin in spring 2022, about a third of its declarations in: from there on every
                // FINAL alert rests on what the old release kept (baselines, the rules' memory, exporters' first periods).
                // The replay goes on while the instances are replaced, so the old release processes about half of it.
                long third = suite.ids().count() / 3;
                pipeline.awaitCommitted(third, Duration.ofMinutes(3));
                System.out.printf("rolling upgrade: %s has committed %d of %d declarations; upgrading to %s one instance at a time (seed %d)%n",
                        previous.name(), third, suite.ids().count(), current.name(), suite.seed());
                // Two bounces, as Kafka Streams' own upgrade.from: while instances of the old release run, the new ones
                // write flow events as it reads them; once none does, each restarts to write contributions added up.
                pipeline.replaceOneAtATime(instances, INSTANCES, current, List.of("--upgrade-from", UPGRADE_FROM), random);
                System.out.printf("rolling upgrade: every instance on %s with --upgrade-from %s; restarting each without it%n", current.name(),
                        UPGRADE_FROM);
                pipeline.replaceOneAtATime(instances, INSTANCES, current, random);
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(5)), produce.tail());
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            for (SentinelProcess instance : instances) {
                assertTrue(instance.isAlive(), instance.tail());
                instance.stop(Duration.ofMinutes(1));
            }
        } finally {
            instances.forEach(SentinelProcess::close);
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "rolling upgrade from " + previous.name() + " to this build", 0, null);
    }
}
