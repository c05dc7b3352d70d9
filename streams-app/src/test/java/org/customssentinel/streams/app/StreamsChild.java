package org.customssentinel.streams.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The streams app over a replay, in a JVM of its own so a test can kill it with SIGKILL (which no in-process test can
 * do): {@code StreamsChild <bootstrap> <registry> <replay prefix> <run name> <state dir>}. Runs until killed, or until
 * SIGTERM closes it cleanly.
 */
public final class StreamsChild {

    private StreamsChild() {
    }

    public static void main(String[] args) throws Exception {
        // A killed member stays in the group until its session times out: 10 s rather than 45 lets the restart in sooner.
        Map<String, Object> clients = Map.of("bootstrap.servers", args[0], "schema.registry.url", args[1],
                "session.timeout.ms", 10_000);
        Replays replays = new Replays(clients, Path.of(args[4]));
        StreamsSettings settings = replays.settings(Replays.Replay.of(args[2]), args[3]);
        if (System.getProperty("guarantee") != null) {
            settings = new StreamsSettings(settings.applicationId(), settings.clientConfigs(), System.getProperty("guarantee"),
                    settings.topology(), settings.partitions(), settings.replicationFactor(), settings.stateDir(), settings.timeout());
        }
        SentinelStreams app = SentinelStreams.start(settings);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            closed.countDown();
        }));
        System.out.println("streams child started");
        closed.await();
    }

    /** Starts a child over {@code replay}, its output appended to {@code log}. */
    static Process start(Map<String, Object> clients, Replays.Replay replay, String name, Path stateDir, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dguarantee=" + System.getProperty("sentinel.child.guarantee", "exactly_once_v2"), "-cp", System.getProperty("java.class.path"), StreamsChild.class.getName(),
                String.valueOf(clients.get("bootstrap.servers")), String.valueOf(clients.get("schema.registry.url")),
                replay.prefix(), name, stateDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Kills the child the way a crash does: SIGKILL, no shutdown hook, no clean close. */
    static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die within 30 s of SIGKILL");
        }
    }

    /** Stops the child cleanly: SIGTERM runs its shutdown hook, which closes the app. */
    static void stop(Process child, Duration limit) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not stop within " + limit + " of SIGTERM");
        }
    }
}
