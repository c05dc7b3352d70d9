package org.customssentinel.streams.triage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.customssentinel.avro.Disposition;
import org.customssentinel.schemas.topic.TopicTail;

/**
 * Every alert's latest disposition, read by each instance from the whole of customs.alerts.dispositions: verdicts are
 * few (one per alert ops looked at), and any instance may show any alert with its verdict without asking another.
 */
public final class DispositionTable implements AutoCloseable {

    private final Map<String, Disposition> byAlert = new ConcurrentHashMap<>();
    private final TopicTail<Disposition> tail;

    public DispositionTable(Map<String, Object> clientConfigs, String topic) {
        this.tail = new TopicTail<>(clientConfigs, topic, TopicTail.From.BEGINNING, this::put);
    }

    public DispositionTable start() {
        tail.start();
        return this;
    }

    private void put(Disposition disposition) {
        byAlert.put(disposition.getAlertId(), disposition);
    }

    public Optional<Disposition> get(String alertId) {
        return Optional.ofNullable(byAlert.get(alertId));
    }

    public List<Disposition> all() {
        return List.copyOf(byAlert.values());
    }

    /**
     * Waits until this instance has read {@code written} back, so that the writer's next read (the dashboard's refresh
     * after a click) shows it; false if it has not within {@code timeout}.
     */
    public boolean awaitRead(Disposition written, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!written.equals(byAlert.get(written.getAlertId()))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        tail.close();
    }
}
