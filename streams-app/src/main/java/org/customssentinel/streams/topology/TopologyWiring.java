package org.customssentinel.streams.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Where the topology's nodes are put: the shape of the dataflow is written once ({@link SentinelTopology#wire}) and
 * run either by Kafka Streams ({@link #of(Topology)}) or by the offline replay, which calls the same processors
 * directly. The methods are {@link Topology}'s, with the same meaning.
 */
public interface TopologyWiring {

    <K, V> void source(String name, Deserializer<K> keys, Deserializer<V> values, String topic);

    <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents);

    /** {@code partitioner}: null for Kafka's default (murmur2 of the serialized key). */
    <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values, StreamPartitioner<? super K, ? super V> partitioner,
                     String... parents);

    void store(StoreBuilder<?> store, String... processors);

    /** A store on every instance, fed from {@code topic} by {@code processor} only, never changelogged. */
    <K, V> void globalStore(StoreBuilder<?> store, String sourceName, Deserializer<K> keys, Deserializer<V> values, String topic,
                            String processorName, ProcessorSupplier<K, V, Void, Void> processor);

    /** Kafka Streams' topology: each call the method of the same name. */
    static TopologyWiring of(Topology topology) {
        return new TopologyWiring() {
            @Override
            public <K, V> void source(String name, Deserializer<K> keys, Deserializer<V> values, String topic) {
                topology.addSource(name, keys, values, topic);
            }

            @Override
            public <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents) {
                topology.addProcessor(name, supplier, parents);
            }

            @Override
            public <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values,
                                    StreamPartitioner<? super K, ? super V> partitioner, String... parents) {
                if (partitioner == null) {
                    topology.addSink(name, topic, keys, values, parents);
                } else {
                    topology.addSink(name, topic, keys, values, partitioner, parents);
                }
            }

            @Override
            public void store(StoreBuilder<?> store, String... processors) {
                topology.addStateStore(store, processors);
            }

            @Override
            public <K, V> void globalStore(StoreBuilder<?> store, String sourceName, Deserializer<K> keys, Deserializer<V> values, String topic,
                                           String processorName, ProcessorSupplier<K, V, Void, Void> processor) {
                topology.addGlobalStore(store, sourceName, keys, values, topic, processorName, processor);
            }
        };
    }
}
