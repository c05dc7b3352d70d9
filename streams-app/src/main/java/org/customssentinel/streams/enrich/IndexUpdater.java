package org.customssentinel.streams.enrich;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.streams.enrich.ReferenceGeneration;

/**
 * Keeps a global store's index in step with its reference topic. Since Kafka 3.8 a global store added through
 * {@code StreamsBuilder#addGlobalStore} replays its topic through this processor on restore, so the index is rebuilt
 * the same way after a restart.
 */
public final class IndexUpdater<V> implements Processor<String, V, Void, Void> {

    /** How one reference record changes the index. */
    @FunctionalInterface
    public interface Apply<V> {
        void apply(KeyValueStore<String, V> store, String key, V value);
    }

    private final String storeName;
    private final Apply<V> apply;
    private final ReferenceGeneration generation;
    private KeyValueStore<String, V> store;

    public IndexUpdater(String storeName, Apply<V> apply, ReferenceGeneration generation) {
        this.storeName = storeName;
        this.apply = apply;
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() != null) {
            apply.apply(store, record.key(), record.value());
            generation.advance();
        }
    }
}
