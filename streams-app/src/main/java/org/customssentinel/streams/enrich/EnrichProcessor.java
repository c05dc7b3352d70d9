package org.customssentinel.streams.enrich;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.streams.enrich.ClassificationIndex;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.enrich.Enricher;
import org.customssentinel.streams.enrich.ReferenceGeneration;
import org.customssentinel.streams.screening.WatchlistIndex;
import org.customssentinel.streams.topology.TopologyStores;

/** Enriches each declaration from the global reference stores, which reflect reference updates as they arrive. */
public final class EnrichProcessor implements Processor<String, Declaration, String, EnrichedDeclaration> {

    private final ClassificationMode mode;
    private final ReferenceGeneration generation;
    private ProcessorContext<String, EnrichedDeclaration> context;
    private Enricher enricher;

    public EnrichProcessor(ClassificationMode mode, ReferenceGeneration generation) {
        this.mode = mode;
        this.generation = generation;
    }

    @Override
    public void init(ProcessorContext<String, EnrichedDeclaration> context) {
        this.context = context;
        ReadOnlyKeyValueStore<String, HsClassification> hs = context.getStateStore(TopologyStores.HS_INDEX);
        ReadOnlyKeyValueStore<String, WatchlistEntry> watchlist = context.getStateStore(TopologyStores.WATCHLIST_INDEX);
        this.enricher = new Enricher(new ClassificationIndex(hs), new WatchlistIndex(watchlist), mode, generation);
    }

    @Override
    public void process(Record<String, Declaration> record) {
        context.forward(record.withValue(enricher.enrich(record.value())));
    }
}
