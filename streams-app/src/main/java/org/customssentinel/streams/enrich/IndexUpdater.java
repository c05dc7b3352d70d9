package org.customssentinel.streams.enrich;

import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store's index in step with its reference topic. Since Kafka 3.8 a global store added through
 * {@code StreamsBuilder#addGlobalStore} replays its topic through this processor on restore, so the index is rebuilt
 * the same way after a restart.
 */
public final class IndexUpdater<V> implements Processor<String, V, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(IndexUpdater.class);

    /** How reference records change an index kept in one store. */
    public interface Index<V> {
        /** Applies one record of the reference topic (null value: the entry is gone). */
        void apply(String key, V value);

        /** Brings a store written by an older layout of the index to the current one; entries re-indexed. */
        default int upgrade() {
            return 0;
        }
    }

    private final String storeName;
    private final Function<KeyValueStore<String, V>, Index<V>> indexOf;
    private final ReferenceGeneration generation;
    private Index<V> index;

    public IndexUpdater(String storeName, Function<KeyValueStore<String, V>, Index<V>> indexOf, ReferenceGeneration generation) {
        this.storeName = storeName;
        this.indexOf = indexOf;
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<String, V> store = context.getStateStore(storeName);
        index = indexOf.apply(store);
        // After the restore: a store kept from an older version is upgraded in place, never replayed from the topic.
        int upgraded = index.upgrade();
        if (upgraded > 0) {
            LOG.info("Re-indexed {} entries of {} written by an older layout", upgraded, storeName);
            generation.advance();
        }
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() != null) {
            index.apply(record.key(), record.value());
            generation.advance();
        }
    }
}
