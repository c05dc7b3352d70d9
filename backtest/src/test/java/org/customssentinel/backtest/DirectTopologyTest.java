package org.customssentinel.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline engine keeps the order and isolation a Kafka Streams task gives the same nodes. */
class DirectTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldHandRecordsWrittenToATopicItReadsBackAfterTheInputThatCausedThemInOrder() {
        List<String> seen = new ArrayList<>();
        List<String> out = new ArrayList<>();
        try (DirectTopology engine = new DirectTopology("test", stateDir)) {
            engine.source("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
            engine.processor("split", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    seen.add("split " + record.value());
                    for (String part : record.value().split(",")) {
                        context.forward(record.withValue(part), "to-parts");
                    }
                    seen.add("split done " + record.value());
                }
            }, "in");
            engine.sink("to-parts", "parts", Serdes.String().serializer(), Serdes.String().serializer(), null, "split");
            engine.source("parts-in", Serdes.String().deserializer(), Serdes.String().deserializer(), "parts");
            engine.processor("count", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;
                private KeyValueStore<String, Long> counts;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                    this.counts = context.getStateStore("counts");
                }

                @Override
                public void process(Record<String, String> record) {
                    long count = counts.get(record.value()) == null ? 1 : counts.get(record.value()) + 1;
                    counts.put(record.value(), count);
                    seen.add("part " + record.value() + " at offset " + context.recordMetadata().orElseThrow().offset());
                    context.forward(record.withValue(record.value() + "=" + count));
                }
            }, "parts-in");
            engine.sink("to-out", "out", Serdes.String().serializer(), Serdes.String().serializer(), null, "count");
            engine.store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Long()), "count");
            engine.observe("out", record -> out.add((String) record.value()));
            engine.start();

            engine.pipe("input", "k", "a,b", 1);
            engine.pipe("input", "k", "a", 2);
        }
        assertEquals(List.of("split a,b", "split done a,b", "part a at offset 0", "part b at offset 1",
                "split a", "split done a", "part a at offset 2"), seen);
        assertEquals(List.of("a=1", "b=1", "a=2"), out, "state kept from record to record");
    }

    @Test
    void shouldRefuseWhatKafkaStreamsWouldRefuse() {
        try (DirectTopology engine = new DirectTopology("test", stateDir)) {
            engine.source("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
            engine.processor("reads", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                }

                @Override
                public void process(Record<String, String> record) {
                    switch (record.value()) {
                        case "store" -> context.getStateStore("other");
                        case "child" -> context.forward(record, "nobody");
                        default -> context.schedule(Duration.ofSeconds(1), PunctuationType.STREAM_TIME, t -> { });
                    }
                }
            }, "in");
            engine.processor("other-owner", () -> new Processor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> record) {
                }
            }, "in");
            engine.store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("other"), Serdes.String(), Serdes.Long()), "other-owner");
            engine.start();

            assertTrue(assertThrows(IllegalStateException.class, () -> engine.pipe("input", "k", "store", 1)).getMessage()
                    .contains("reads has no access to store other"));
            assertTrue(assertThrows(IllegalStateException.class, () -> engine.pipe("input", "k", "child", 1)).getMessage()
                    .contains("not one of its children"));
            assertThrows(UnsupportedOperationException.class, () -> engine.pipe("input", "k", "punctuate", 1));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> engine.pipe("nothing-reads-this", "k", "v", 1)).getMessage()
                    .contains("no source of the topology reads nothing-reads-this"));
        }
    }
}
