package org.customssentinel.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** This instance's query stores, or {@link NotReady} while Kafka Streams restores or rebalances them. */
final class LocalStores {

    private final KafkaStreams streams;

    LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    <V> ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store(String name) {
        requireRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>timestampedKeyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new NotReady("store " + name + " is not queryable yet (" + streams.state() + ")");
        }
    }

    void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new NotReady("Kafka Streams is " + state + "; state is not queryable until RUNNING");
        }
    }

    KafkaStreams streams() {
        return streams;
    }
}
