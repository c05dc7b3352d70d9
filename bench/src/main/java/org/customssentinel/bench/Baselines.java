package org.customssentinel.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.schemas.topic.TopicNames;

/** The apps the full topology is measured against. */
final class Baselines {

    /** About the size of a flow contribution on the repartition topic. */
    private static final int CONTRIBUTION_BYTES = 128;
    private static final String STORE = "bench-shape-windows";

    private Baselines() {
    }

    /** The baseline the issue names: declarations in, the same bytes out. */
    static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(TopicNames.DECLARATIONS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-source"))
                .to("bench.pass-through", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink"));
        return builder.build();
    }

    /**
     * The full topology's shape with none of its work: each declaration's bytes copied to an output topic (as enriched
     * declarations are), fanned out to as many records as declarations have trade flows on average, repartitioned, and
     * written to a cached, logged store holding as many keys as there are flows. No decoding, enrichment, windows or
     * rules: what Kafka Streams itself costs here for a topology of this shape, so a ceiling for any implementation.
     */
    static Topology shapeOnly(double contributionsPerDeclaration, int flows) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> declarations = builder.stream(TopicNames.DECLARATIONS,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-shape-source"));
        declarations.to("bench.shape.enriched", Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-shape-enriched-sink"));
        int whole = (int) contributionsPerDeclaration;
        double fraction = contributionsPerDeclaration - whole;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        declarations
                .flatMap((key, value) -> {
                    // A fixed share of declarations gets one more record, so the average matches the scenario's.
                    int hash = key == null ? 0 : key.hashCode();
                    int count = whole + ((hash & 0xffff) / 65536.0 < fraction ? 1 : 0);
                    List<KeyValue<String, byte[]>> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        out.add(KeyValue.pair("flow-" + Math.floorMod(hash * 31 + i, flows), Arrays.copyOf(value, CONTRIBUTION_BYTES)));
                    }
                    return out;
                }, Named.as("bench-shape-fan-out"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("bench-shape-flows"))
                .process(Accumulate::new, Named.as("bench-shape-accumulate"), STORE);
        return builder.build();
    }

    /** One store write per contribution, as the detector writes its open window. */
    private static final class Accumulate implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, byte[]> windows;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            windows = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            windows.put(record.key(), record.value());
        }
    }
}
