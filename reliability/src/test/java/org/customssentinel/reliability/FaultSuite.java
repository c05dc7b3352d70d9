package org.customssentinel.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.cluster.ClusterSettings;
import org.customssentinel.localstack.cluster.ClusterStack;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What every fault test shares, made once per test JVM and closed when the run ends: a three-node cluster of Kafka
 * processes with its registry, a one-broker stack for the uninterrupted reference run, the scenario file, the
 * reference run itself, and the seed. Tests receive a {@link FaultSuite.Context} parameter.
 */
final class FaultSuite implements ParameterResolver {

    /** chpl-surge at 0.1: the same money in fewer declarations (about 15,000), over 100 FINAL alerts. */
    static final String SCENARIO = "chpl-surge";
    static final double SCALE = 0.1;
    static final long SCENARIO_SEED = 42;

    /**
     * The Kafka nodes live for the whole suite and do most of its work, so unlike the short-lived commands they get the
     * full JIT: C1 alone left them the busiest processes of a run.
     */
    private static final List<String> NODE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FaultSuite.class);

    /** Everything a fault test needs. */
    record Context(ClusterStack cluster, LocalStack singleBroker, Path work, Path scenario, Scenario.Ids ids, Outcome clean, long seed) {

        /** A seeded random of the test's own, so one test's draws do not depend on which others ran before it. */
        Random random(String test) {
            return new Random(seed * 31 + test.hashCode());
        }

        /** A pipeline of its own (topics, application id) on the three-node cluster. */
        Pipeline pipeline(String name) throws Exception {
            return Pipeline.on(cluster, work, name);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Context.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("suite", key -> start(), Shared.class).context();
    }

    private static Shared start() {
        long seed = Optional.ofNullable(System.getProperty("sentinel.fault.seed")).filter(s -> !s.isBlank()).map(Long::parseLong)
                .orElseGet(() -> new Random().nextLong() & 0xffff_ffffL);
        System.out.println("Fault suite seed " + seed + " (repeat with -Dsentinel.fault.seed=" + seed + ")");
        LocalStack single = null;
        ClusterStack cluster = null;
        try {
            Path work = Files.createDirectories(Path.of("target", "faults")).toAbsolutePath();
            removeEarlierRuns(work);
            single = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), work.resolve("single")));
            Path clusterHome = work.resolve("cluster-" + System.currentTimeMillis());
            cluster = ClusterStack.start(new ClusterSettings(3, 0, clusterHome.resolve("kafka"), Optional.empty(), Duration.ofSeconds(90),
                            NODE_JVM_OPTIONS),
                    new RegistrySettings(RegistrySettings.homeFromSystemProperty(), 0, Duration.ofMinutes(2), clusterHome.resolve("registry.log")),
                    line -> System.out.println("[cluster] " + line));
            Path scenario = Scenario.generate(work, SCENARIO, SCALE, SCENARIO_SEED);
            Scenario.Ids ids = Scenario.ids(scenario);
            Pipeline reference = Pipeline.on(single, work, "clean");
            Outcome clean = reference.cleanRun(scenario);
            System.out.printf("Uninterrupted run on one broker: %d declarations, %d FINAL alerts%n", ids.count(), clean.finals().size());
            return new Shared(new Context(cluster, single, work, scenario, ids, clean, seed), List.of(cluster, single));
        } catch (Exception e) {
            if (cluster != null) {
                cluster.close();
            }
            if (single != null) {
                single.close();
            }
            throw new IllegalStateException("the fault suite could not start: " + e.getMessage(), e);
        }
    }

    /** Each run leaves a cluster and its pipelines' logs behind for reading; the next run starts without them. */
    private static void removeEarlierRuns(Path work) throws IOException {
        try (Stream<Path> runs = Files.list(work)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> tree = Files.walk(run)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }

    /** Held in the root store, which closes it when the test run ends. */
    private record Shared(Context context, List<AutoCloseable> resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (AutoCloseable resource : resources) {
                resource.close();
            }
        }
    }
}
