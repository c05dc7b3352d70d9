package org.customssentinel.streams.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.schemas.serde.SpecificAvroSerde;
import org.customssentinel.streams.enrich.ClassificationIndex;
import org.customssentinel.streams.enrich.WatchlistIndex;

/**
 * The Customs Sentinel topology, a pure function of its settings: build it without starting anything, test it with
 * TopologyTestDriver. Every processor, store and sink has an explicit, stable name, so upgrades keep their state.
 */
public final class SentinelTopology {

    public static final String HS_INDEX_STORE = "hs-classification-index";
    public static final String WATCHLIST_INDEX_STORE = "watchlist-index";

    private SentinelTopology() {
    }

    public static Topology build(TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<HsClassification> hsSerde = serde(settings, false);
        Serde<WatchlistEntry> watchlistSerde = serde(settings, false);
        Serde<RejectedRecord> rejectedSerde = serde(settings, false);
        Serde<EnrichedDeclaration> enrichedSerde = serde(settings, false);

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HS_INDEX_STORE), Serdes.String(), hsSerde).withLoggingDisabled(),
                settings.hsClassificationsTopic(),
                Consumed.with(Serdes.String(), hsSerde).withName("hs-classifications-source"),
                () -> new IndexUpdater<>(HS_INDEX_STORE, ClassificationIndex::apply));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WATCHLIST_INDEX_STORE), Serdes.String(), watchlistSerde).withLoggingDisabled(),
                settings.watchlistTopic(),
                Consumed.with(Serdes.String(), watchlistSerde).withName("watchlist-source"),
                () -> new IndexUpdater<>(WATCHLIST_INDEX_STORE, WatchlistIndex::apply));

        KStream<String, Decoded> decoded = builder
                .stream(settings.declarationsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("declarations-source"))
                .processValues(() -> new DecodeProcessor(settings.serdeConfigs()), Named.as("decode-declarations"));
        decoded.split(Named.as("decoded-"))
                .branch((id, value) -> value.isRejected(), Branched.<String, Decoded>withConsumer(rejected -> rejected
                        .mapValues(Decoded::rejected, Named.as("rejected-value"))
                        .to(settings.rejectedTopic(), Produced.with(Serdes.String(), rejectedSerde).withName("rejected-sink")))
                        .withName("rejected"))
                .defaultBranch(Branched.<String, Decoded>withConsumer(valid -> valid
                        .processValues(() -> new EnrichProcessor(settings.classificationMode()), Named.as("enrich-declarations"))
                        .to(settings.enrichedTopic(), Produced.with(Serdes.String(), enrichedSerde).withName("enriched-sink")))
                        .withName("valid"));
        return builder.build();
    }

    private static <T extends SpecificRecord> Serde<T> serde(TopologySettings settings, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>();
        Map<String, Object> configs = new HashMap<>(settings.serdeConfigs());
        serde.configure(configs, isKey);
        return serde;
    }
}
