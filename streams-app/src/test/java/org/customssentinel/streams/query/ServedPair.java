package org.customssentinel.streams.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.customssentinel.streams.app.Replays;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.app.StreamsSettings;

/**
 * Two instances of one app (same application id) over a replay, each with its own HTTP port and state directory,
 * both RUNNING and caught up with the replay when {@link #start} returns.
 */
final class ServedPair implements AutoCloseable {

    private final ServedStreams first;
    private final ServedStreams second;

    private ServedPair(ServedStreams first, ServedStreams second) {
        this.first = first;
        this.second = second;
    }

    static ServedPair start(Replays replays, Replays.Replay replay, Path work, QuerySettings http) throws Exception {
        ServedStreams a = instance(replays, replay, work, "a", http);
        ServedStreams b;
        try {
            b = instance(replays, replay, work, "b", http);
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        ServedPair pair = new ServedPair(a, b);
        try {
            replays.awaitQueryable(replays.settings(replay, "app"), Duration.ofMinutes(3));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (health(client, a) != 200 || health(client, b) != 200) {
                assertTrue(System.nanoTime() < deadline, "both instances RUNNING within 60 s");
                Thread.sleep(500);
            }
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    /** One instance: its own HTTP port and state directory; the same application id as the other. */
    private static ServedStreams instance(Replays replays, Replays.Replay replay, Path work, String name, QuerySettings http) {
        StreamsSettings base = replays.settings(replay, "app");
        StreamsSettings settings = new StreamsSettings(base.applicationId(), base.clientConfigs(), base.processingGuarantee(), base.topology(),
                base.partitions(), base.replicationFactor(), work.resolve("state-" + name), base.timeout());
        return ServedStreams.start(settings, http);
    }

    private static int health(HttpClient client, ServedStreams instance) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/api/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    ServedStreams first() {
        return first;
    }

    ServedStreams second() {
        return second;
    }

    @Override
    public void close() {
        first.close();
        second.close();
    }
}
