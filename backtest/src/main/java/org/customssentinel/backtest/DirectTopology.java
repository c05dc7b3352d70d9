package org.customssentinel.backtest;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.StoreBuilder;
import org.customssentinel.streams.topology.CommitPoint;
import org.customssentinel.streams.topology.TopologyWiring;

/**
 * The streams app's nodes called directly, in one thread, one input record at a time: the offline replay's engine.
 * The processors, stores and their wiring are the app's ({@code SentinelTopology.wire}); what Kafka Streams adds around
 * them is left out because a replay of a file needs none of it: no commits (but a {@link CommitPoint}'s call after each
 * input record, as TopologyTestDriver commits after each), no record caches, no changelogs, and no serialization at the
 * sinks. A record written to a topic the topology itself reads (flow events) is handed on as the
 * object it is, after the input record that caused it, in order, as a task would read it back; a record written to any
 * other topic goes to the observer of that topic, if any, or nowhere.
 *
 * <p>Each topic has one partition, as in Kafka Streams' TopologyTestDriver, which this replaces: the app's processors
 * that must behave as on N partitions say so themselves ({@code InputLanes}). Wall-clock punctuations never fire (a
 * replay's wall clock tells nothing about its records); a stream-time punctuation is refused, as this engine does not
 * run them.
 */
final class DirectTopology implements TopologyWiring, AutoCloseable {

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, String> sourceOfTopic = new HashMap<>();
    private final Map<String, Set<String>> storesOfProcessor = new HashMap<>();
    private final Map<String, StoreBuilder<?>> storeBuilders = new LinkedHashMap<>();
    private final Set<String> globalStores = new HashSet<>();
    private final Map<String, StateStore> stores = new HashMap<>();
    private final List<CommitPoint> commitPoints = new ArrayList<>();
    private final Map<String, Consumer<Record<Object, Object>>> observers = new HashMap<>();
    private final Map<String, Long> nextOffset = new HashMap<>();
    private final Map<String, Long> streamTime = new HashMap<>();
    private final ArrayDeque<Written> readBack = new ArrayDeque<>();
    private final MockProcessorContext<Object, Object> storeContext;
    private final long wallClock = System.currentTimeMillis();
    private Position position;
    private boolean started;

    /** {@code stateDir}: where persistent stores would keep their files (in-memory ones keep none). */
    DirectTopology(String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.storeContext = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
    }

    @Override
    public <K, V> void source(String name, Deserializer<K> keys, Deserializer<V> values, String topic) {
        add(name, new SourceNode(name));
        String previous = sourceOfTopic.putIfAbsent(topic, name);
        if (previous != null) {
            throw new IllegalStateException("topic " + topic + " is read by two sources: " + previous + " and " + name);
        }
    }

    @Override
    public <KIn, VIn, KOut, VOut> void processor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier, String... parents) {
        add(name, new ProcessorNode<>(name, supplier), parents);
    }

    @Override
    public <K, V> void sink(String name, String topic, Serializer<K> keys, Serializer<V> values, StreamPartitioner<? super K, ? super V> partitioner,
                            String... parents) {
        add(name, new SinkNode(topic), parents);
    }

    @Override
    public void store(StoreBuilder<?> store, String... processors) {
        storeBuilders.put(store.name(), store);
        for (String processor : processors) {
            if (!(nodes.get(processor) instanceof ProcessorNode<?, ?, ?, ?>)) {
                throw new IllegalStateException("store " + store.name() + " connected to " + processor + ", which is no processor");
            }
            storesOfProcessor.computeIfAbsent(processor, p -> new HashSet<>()).add(store.name());
        }
    }

    @Override
    public <K, V> void globalStore(StoreBuilder<?> store, String sourceName, Deserializer<K> keys, Deserializer<V> values, String topic,
                                   String processorName, ProcessorSupplier<K, V, Void, Void> processor) {
        source(sourceName, keys, values, topic);
        processor(processorName, processor, sourceName);
        storeBuilders.put(store.name(), store);
        globalStores.add(store.name());
    }

    /** What is written to {@code topic}, a topic the topology does not read itself, goes to {@code observer}. */
    void observe(String topic, Consumer<Record<Object, Object>> observer) {
        observers.put(topic, observer);
    }

    /** Builds the stores and initializes every processor, as a task does before its first record. */
    void start() {
        for (StoreBuilder<?> builder : storeBuilders.values()) {
            // Nothing restores a replay's state, and a cache in front of memory saves nothing.
            StateStore store = builder.withCachingDisabled().withLoggingDisabled().build();
            store.init(storeContext.getStateStoreContext(), store);
            stores.put(store.name(), store);
            if (store instanceof CommitPoint point) {
                commitPoints.add(point);
            }
        }
        for (Node node : nodes.values()) {
            if (node instanceof ProcessorNode<?, ?, ?, ?> processor) {
                processor.init();
            }
        }
        started = true;
    }

    /**
     * One record read from {@code topic}, its value as the topic's source would give it (deserialized), then every record
     * that it caused on the topics the topology reads, in the order written.
     */
    void pipe(String topic, Object key, Object value, long timestamp) {
        if (!started) {
            throw new IllegalStateException("start() first");
        }
        read(topic, new Record<>(key, value, timestamp));
        do {
            while (!readBack.isEmpty()) {
                Written written = readBack.poll();
                read(written.topic(), written.record());
            }
            // A commit after each record, as TopologyTestDriver's: what processors hold until a commit goes out now.
            commitPoints.forEach(CommitPoint::flushCache);
        } while (!readBack.isEmpty());
    }

    private void read(String topic, Record<Object, Object> record) {
        String source = sourceOfTopic.get(topic);
        if (source == null) {
            throw new IllegalArgumentException("no source of the topology reads " + topic);
        }
        long offset = nextOffset.merge(topic, 1L, Long::sum) - 1;
        position = new Position(topic, 0, offset);
        streamTime.merge(topic, record.timestamp(), Math::max);
        nodes.get(source).receive(record);
    }

    @Override
    public void close() {
        for (Node node : nodes.values()) {
            if (node instanceof ProcessorNode<?, ?, ?, ?> processor) {
                processor.close();
            }
        }
        stores.values().forEach(StateStore::close);
    }

    private void add(String name, Node node, String... parents) {
        if (nodes.putIfAbsent(name, node) != null) {
            throw new IllegalStateException("two nodes named " + name);
        }
        for (String parent : parents) {
            if (!nodes.containsKey(parent)) {
                throw new IllegalStateException("node " + name + " has an unknown parent " + parent);
            }
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(name);
        }
    }

    private void forward(String from, Record<Object, Object> record) {
        for (String child : children.getOrDefault(from, List.of())) {
            nodes.get(child).receive(record);
        }
    }

    private void forward(String from, Record<Object, Object> record, String child) {
        if (!children.getOrDefault(from, List.of()).contains(child)) {
            throw new IllegalStateException(from + " forwarded to " + child + ", which is not one of its children");
        }
        nodes.get(child).receive(record);
    }

    private interface Node {
        void receive(Record<Object, Object> record);
    }

    private final class SourceNode implements Node {
        private final String name;

        SourceNode(String name) {
            this.name = name;
        }

        @Override
        public void receive(Record<Object, Object> record) {
            forward(name, record);
        }
    }

    private final class SinkNode implements Node {
        private final String topic;

        SinkNode(String topic) {
            this.topic = topic;
        }

        @Override
        public void receive(Record<Object, Object> record) {
            if (sourceOfTopic.containsKey(topic)) {
                // As read back from the topic: headers of its own.
                readBack.add(new Written(topic, new Record<>(record.key(), record.value(), record.timestamp(), record.headers())));
            } else {
                Consumer<Record<Object, Object>> observer = observers.get(topic);
                if (observer != null) {
                    observer.accept(record);
                }
            }
        }
    }

    private final class ProcessorNode<KIn, VIn, KOut, VOut> implements Node, ProcessorContext<KOut, VOut> {
        private final String name;
        private final ProcessorSupplier<KIn, VIn, KOut, VOut> supplier;
        private Processor<KIn, VIn, KOut, VOut> processor;

        ProcessorNode(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
            this.name = name;
            this.supplier = supplier;
        }

        void init() {
            processor = supplier.get();
            processor.init(this);
        }

        void close() {
            if (processor != null) {
                processor.close();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Record<Object, Object> record) {
            processor.process((Record<KIn, VIn>) (Record<?, ?>) record);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record) {
            DirectTopology.this.forward(name, (Record<Object, Object>) (Record<?, ?>) record);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K extends KOut, V extends VOut> void forward(Record<K, V> record, String childName) {
            DirectTopology.this.forward(name, (Record<Object, Object>) (Record<?, ?>) record, childName);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S extends StateStore> S getStateStore(String store) {
            if (!globalStores.contains(store) && !storesOfProcessor.getOrDefault(name, Set.of()).contains(store)) {
                throw new IllegalStateException("processor " + name + " has no access to store " + store);
            }
            return (S) stores.get(store);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            if (type == PunctuationType.STREAM_TIME) {
                throw new UnsupportedOperationException(name + " schedules a stream-time punctuation, which the offline engine does not run");
            }
            return () -> { };
        }

        @Override
        public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
            return schedule(interval, type, callback);
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return Optional.ofNullable(position);
        }

        @Override
        public long currentStreamTimeMs() {
            return position == null ? -1 : streamTime.getOrDefault(position.topic(), -1L);
        }

        @Override
        public long currentSystemTimeMs() {
            return wallClock;
        }

        @Override
        public String applicationId() {
            return storeContext.applicationId();
        }

        @Override
        public TaskId taskId() {
            return storeContext.taskId();
        }

        @Override
        public Serde<?> keySerde() {
            return storeContext.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return storeContext.valueSerde();
        }

        @Override
        public File stateDir() {
            return storeContext.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return storeContext.metrics();
        }

        @Override
        public void commit() {
            // Nothing to commit: a replay is not resumed.
        }

        @Override
        public Map<String, Object> appConfigs() {
            return storeContext.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return storeContext.appConfigsWithPrefix(prefix);
        }
    }

    private record Position(String topic, int partition, long offset) implements RecordMetadata {
    }

    private record Written(String topic, Record<Object, Object> record) {
    }
}
