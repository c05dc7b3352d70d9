package org.customssentinel.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.StreamsMetadata;
import org.customssentinel.streams.query.access.HttpSecurity;
import org.customssentinel.streams.query.access.TlsConnector;

/**
 * The other instances of the app, as Kafka Streams knows them from their {@code application.server}: a query for a
 * key another instance owns is forwarded there; a query over everything asks every instance for its local part.
 */
final class Peers {

    /** Marks a forwarded request, so that it is answered locally and never forwarded again. */
    static final String FORWARDED_HEADER = "X-Sentinel-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http;
    private final ObjectMapper json;
    private final String scheme;

    Peers(KafkaStreams streams, HostInfo self, ObjectMapper json, HttpSecurity security) {
        this.streams = streams;
        this.self = self;
        this.json = json;
        this.scheme = security.scheme();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        security.tls().ifPresent(tls -> builder.sslContext(TlsConnector.peerContext(tls)));
        this.http = builder.build();
    }

    HostInfo self() {
        return self;
    }

    boolean isSelf(HostInfo host) {
        return host.equals(self);
    }

    /** Every other instance currently in the group. */
    List<HostInfo> others() {
        List<HostInfo> others = new ArrayList<>();
        for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
            if (!isSelf(metadata.hostInfo()) && !others.contains(metadata.hostInfo())) {
                others.add(metadata.hostInfo());
            }
        }
        return others;
    }

    /**
     * GETs {@code pathAndQuery} from {@code host} with the asker's {@code authorization} (instances share their users);
     * the status and body come back as the peer gave them.
     */
    Answer get(HostInfo host, String pathAndQuery, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header(FORWARDED_HEADER, self.host() + ":" + self.port()).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new NotReady("instance " + host.host() + ":" + host.port() + " did not answer (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while asking " + host.host() + ":" + host.port());
        }
    }

    /** A peer's JSON answer to a local-only query; a peer that is not ready makes the whole answer not ready. */
    JsonNode getJson(HostInfo host, String pathAndQuery, String authorization) {
        Answer answer = get(host, pathAndQuery, authorization);
        if (answer.status() != 200) {
            throw new NotReady("instance " + host.host() + ":" + host.port() + " answered " + answer.status());
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new NotReady("instance " + host.host() + ":" + host.port() + " answered something other than JSON");
        }
    }

    /** A peer's HTTP answer. */
    record Answer(int status, String body) {
    }
}
