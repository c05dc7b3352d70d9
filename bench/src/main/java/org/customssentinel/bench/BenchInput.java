package org.customssentinel.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;

/**
 * The bench's declarations (chpl-surge, seed 42), and putting them on a topic of the bench's stack (6 partitions, as
 * `produce` creates them) before an app reads them.
 */
final class BenchInput {

    private BenchInput() {
    }

    static List<Declaration> chplSurge(double scale) {
        List<Declaration> declarations = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 42, null, null, scale).declarations().forEachRemaining(declarations::add);
        return declarations;
    }

    static PublishConfig config(BenchRun run, String topic) {
        return new PublishConfig(Map.of("bootstrap.servers", run.bootstrap(), "schema.registry.url", run.registry()), topic, topic + ".rejected",
                6, PublishConfig.BROKER_DEFAULT_REPLICATION, Duration.ofSeconds(30));
    }

    /** At full speed; the count accepted. */
    static long publish(BenchRun run, String topic, Iterator<Declaration> declarations, long expected) throws InterruptedException {
        PublishConfig config = config(run, topic);
        Preflight.prepareDeclarationTopics(config);
        try (DeclarationPublisher publisher = new DeclarationPublisher(config)) {
            return new IngestRun(publisher, Speed.MAX, ProgressListener.NONE, false, Clock.systemUTC()).publish(declarations, expected).accepted();
        }
    }
}
