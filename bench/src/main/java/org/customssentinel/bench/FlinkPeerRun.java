package org.customssentinel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.customssentinel.schemas.topic.TopicNames;

/** The Flink peer (module peers, built on demand) in its own JVM. */
final class FlinkPeerRun {

    private static final Pattern RATE = Pattern.compile("^peer rate ([\\d.]+)$");
    private static final Pattern STEADY_RATE = Pattern.compile("^peer steady-rate ([\\d.]+)$");

    private FlinkPeerRun() {
    }

    static AppRate rate(BenchRun run, Path jar, String group, String alertsTopic, long count) throws IOException, InterruptedException {
        List<String> lines = ChildJvm.jar(jar, run.jvm(),
                "org.customssentinel.peers.FlinkPeer", List.of("--bootstrap-servers", run.bootstrap(), "--schema-registry-url", run.registry(),
                        "--topic", TopicNames.DECLARATIONS, "--group", group, "--alerts-topic", alertsTopic,
                        "--parallelism", String.valueOf(run.threads()), "--count", String.valueOf(count),
                        "--steady-after", String.valueOf(run.steadyAfter()),
                        // Exactly-once on both sides, outputs released as often: the peer checkpoints when the apps commit.
                        "--checkpoint-ms", String.valueOf(run.commitIntervalMs()),
                        "--checkpoint-dir", run.work().resolve(group + "-checkpoints").toString())).run();
        return new AppRate(ChildJvm.last(lines, RATE), ChildJvm.lastOrNaN(lines, STEADY_RATE));
    }

    /**
     * The peer's jar, built when absent or older than its sources (the build takes a minute or two the first time:
     * Flink's jars are downloaded then). Empty, with the reason printed, when it cannot be built.
     */
    static Optional<Path> jar(BenchRun run) throws IOException, InterruptedException {
        Path root = ChildJvm.ownJar().getParent().getParent().getParent();
        Path jar = root.resolve("peers/target/sentinel-peers.jar");
        if (!Files.exists(root.resolve("peers/pom.xml")) || !Files.exists(root.resolve("mvnw"))) {
            run.progress("peer: no peers module next to %s: the Flink comparison is skipped", ChildJvm.ownJar());
            return Optional.empty();
        }
        if (Files.exists(jar) && !stale(root, jar)) {
            return Optional.of(jar);
        }
        run.progress("peer: building the Flink peer (./mvnw -B -q -Ppeers -pl peers -am package -DskipTests)...");
        Process build = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-Ppeers", "-pl", "peers", "-am", "package", "-DskipTests")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(run.work().resolve("peer-build.log").toFile()).start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("building the Flink peer failed; see " + run.work().resolve("peer-build.log")
                    + " (or run the bench with --no-peer)");
        }
        return Optional.of(jar);
    }

    /** Its sources, or those of the modules it runs (their jars are copied into peers/target/lib), changed since. */
    private static boolean stale(Path root, Path jar) throws IOException {
        long built = Files.getLastModifiedTime(jar).toMillis();
        for (String module : List.of("peers", "streams-app", "producer", "schemas")) {
            try (var files = Files.walk(root.resolve(module))) {
                boolean changed = files.filter(f -> f.toString().contains("/src/main/") || f.endsWith("pom.xml"))
                        .anyMatch(f -> modified(f) > built);
                if (changed) {
                    return true;
                }
            }
        }
        return modified(root.resolve("pom.xml")) > built;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException gone) {
            return Long.MAX_VALUE;
        }
    }
}
