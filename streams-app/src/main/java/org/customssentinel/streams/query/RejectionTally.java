package org.customssentinel.streams.query;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.schemas.topic.TopicTail;

/**
 * Rejected records by reason, counted from the whole of customs.declarations.rejected (the producer's rejects and the
 * app's alike), so the dashboard shows every instance's and every producer's rejects, not one instance's.
 */
final class RejectionTally implements AutoCloseable {

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final TopicTail<RejectedRecord> tail;

    RejectionTally(Map<String, Object> clientConfigs, String topic) {
        this.tail = new TopicTail<>(clientConfigs, topic, TopicTail.From.BEGINNING, this::count);
    }

    void start() {
        tail.start();
    }

    /** Records per reason code; a record with several reasons counts under each. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    private void count(RejectedRecord rejected) {
        rejected.getReasons().stream().map(Rejection::getCode).distinct()
                .forEach(code -> byReason.computeIfAbsent(code, c -> new LongAdder()).increment());
    }

    @Override
    public void close() {
        tail.close();
    }
}
