package org.customssentinel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.customssentinel.producer.generate.WideScenario;

/**
 * The full topology's cost by number of flows: the same count of `wide` declarations spread over N distinct flows,
 * the app in its own JVM with its heap limited; its rate, its heap after GC at the peak, its RocksDB state on disk,
 * and what its changelogs took per declaration.
 */
final class ScaleBench {

    static final String HEAP = "-Xmx1g";

    /** One flow count's figures. */
    record Size(int flows, double rate, long peakHeapBytes, long stateBytes, double changelogBytesPerDeclaration) {
    }

    private final BenchRun run;

    ScaleBench(BenchRun run) {
        this.run = run;
    }

    List<Size> measure(List<Integer> flowCounts, long declarations, Figures figures) throws Exception {
        List<Size> sizes = new ArrayList<>();
        for (int flows : flowCounts) {
            String topic = "bench.wide-" + flows + ".declarations";
            WideScenario wide = new WideScenario(42, flows, declarations, WideScenario.defaultFrom(), WideScenario.defaultTo());
            long count = BenchInput.publish(run, topic, wide.declarations(), declarations);
            String applicationId = "bench-wide-" + flows;
            run.progress("scale: %,d declarations over %,d flows, full topology under %s", count, flows, HEAP);
            List<String> lines = ChildJvm.bench(run.jvm(HEAP), run.benchApp(BenchAppCommand.Kind.FULL, applicationId, count,
                    "--input", topic, "--output-prefix", "bench.wide-" + flows + ".")).run();
            Size size = new Size(flows, ChildJvm.appFigure(lines, "rate"), (long) ChildJvm.appFigure(lines, "peak-heap-after-gc"),
                    (long) ChildJvm.appFigure(lines, "state-bytes"), (double) changelogBytes(applicationId) / count);
            sizes.add(size);
            String n = label(flows);
            figures.bench(run.out(), "scale." + n + ".rate", size.rate(), "declarations/s", "full topology, " + n + " flows: declarations/s");
            figures.bench(run.out(), "scale." + n + ".peak-heap-after-gc", size.peakHeapBytes() / 1048576.0, "MiB", "  " + n + " flows: peak heap after GC");
            figures.bench(run.out(), "scale." + n + ".state-on-disk", size.stateBytes() / 1048576.0, "MiB", "  " + n + " flows: RocksDB state on disk");
            figures.bench(run.out(), "scale." + n + ".changelog-per-declaration", size.changelogBytesPerDeclaration(), "bytes",
                    "  " + n + " flows: changelog bytes per declaration");
        }
        if (sizes.size() > 1) {
            Size first = sizes.get(0);
            Size last = sizes.get(sizes.size() - 1);
            figures.ratio(run.out(), "scale." + label(last.flows()) + "/" + label(first.flows()), last.rate() / first.rate(),
                    "rate at " + label(last.flows()) + " flows / at " + label(first.flows()), 0.5);
        }
        return sizes;
    }

    static String label(int flows) {
        if (flows >= 1_000_000 && flows % 1_000_000 == 0) {
            return flows / 1_000_000 + "M";
        }
        if (flows >= 1_000 && flows % 1_000 == 0) {
            return flows / 1_000 + "k";
        }
        return String.valueOf(flows);
    }

    /** Bytes in the app's changelog topics on the broker (compressed as written). */
    private long changelogBytes(String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.bootstrap()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<org.apache.kafka.common.TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        String topic = replica.getKey().topic();
                        if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
                            bytes += replica.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        }
    }
}
