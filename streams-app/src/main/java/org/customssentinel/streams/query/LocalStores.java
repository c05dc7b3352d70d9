package org.customssentinel.streams.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
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

    /**
     * The instance whose active task holds {@code key} of {@code store}, a string-keyed store partitioned as its topic
     * by Kafka's default partitioner; {@link NotReady} while Kafka Streams rebalances. {@code what} names the key for a
     * person ("alert 3f2a...").
     */
    HostInfo ownerOf(String store, String key, String what) {
        return ownerOf(store, key, null, what);
    }

    /** As {@link #ownerOf(String, String, String)}, for a store partitioned by {@code partitioner} (null: the default). */
    HostInfo ownerOf(String store, String key, StreamPartitioner<String, ?> partitioner, String what) {
        requireRunning();
        KeyQueryMetadata owner = partitioner == null ? streams.queryMetadataForKey(store, key, Serdes.String().serializer())
                : streams.queryMetadataForKey(store, key, partitioner);
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotReady("no instance holds " + what + " right now (rebalancing)");
        }
        return owner.activeHost();
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
