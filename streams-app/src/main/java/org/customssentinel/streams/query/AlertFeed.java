package org.customssentinel.streams.query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.schemas.topic.TopicTail;

/**
 * Alerts as they are committed to customs.alerts, pushed to every connected Server-Sent-Events client. Each instance
 * tails every partition itself, so any instance streams every alert; what happened before is GET /api/alerts.
 */
final class AlertFeed implements AutoCloseable {

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ObjectMapper json;
    private final TopicTail<Alert> tail;

    AlertFeed(Map<String, Object> clientConfigs, String topic, ObjectMapper json) {
        this.json = json;
        this.tail = new TopicTail<>(clientConfigs, topic, TopicTail.From.END, this::send);
    }

    void start() {
        tail.start();
    }

    void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
    }

    int clientCount() {
        return clients.size();
    }

    private void send(Alert alert) {
        String data;
        try {
            data = json.writeValueAsString(AvroJson.of(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (SseClient client : clients) {
            client.sendEvent("alert", data, alert.getAlertId() + ":" + alert.getStatus());
        }
    }

    @Override
    public void close() {
        tail.close();
        clients.forEach(SseClient::close);
    }
}
