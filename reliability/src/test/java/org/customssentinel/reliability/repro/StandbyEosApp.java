package org.customssentinel.reliability.repro;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The smallest Kafka Streams app that shows the classic protocol's standby loss under exactly_once_v2, with nothing of
 * Customs Sentinel in it: every input record is copied to the output once, through a task with a logged store (so
 * the task has a standby), twice: input to a middle topic, middle to output, two sub-topologies as in the app where
 * the loss was found (more tasks, so more of them move in a rebalance). Run as its own JVM so that the test can
 * SIGKILL it.
 *
 * <p>Arguments: bootstrap servers, application id, state directory, group protocol ({@code classic} or
 * {@code streams}), input topic, middle topic, output topic, processing guarantee ({@code exactly_once_v2}, or
 * {@code at_least_once} to see the check fail), milliseconds each record takes (0; more stands for a loaded machine, where
 * the loss was seen: commits come late and a rebalance is more often in progress when a task is handled).
 */
public final class StandbyEosApp {

    static final String FIRST_STORE = "seen-first";
    static final String SECOND_STORE = "seen-second";

    private StandbyEosApp() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String applicationId = args[1];
        String stateDir = args[2];
        String protocol = args[3];
        String input = args[4];
        String middle = args[5];
        String output = args[6];
        String guarantee = args[7];
        long processMillis = Long.parseLong(args[8]);

        StreamsBuilder builder = new StreamsBuilder();
        copy(builder, input, FIRST_STORE, middle, processMillis);
        copy(builder, middle, SECOND_STORE, output, processMillis);

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
        props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        if (protocol.equals("classic")) {
            props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
            props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1500);
        }

        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((now, before) -> System.out.println("STATE " + before + " -> " + now));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    private static void copy(StreamsBuilder builder, String from, String store, String to, long processMillis) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long()));
        builder.stream(from, Consumed.with(Serdes.String(), Serdes.Long()))
                .processValues(() -> new Remember(store, processMillis), store)
                .to(to, Produced.with(Serdes.String(), Serdes.Long()));
    }

    /** Keeps the last value per key, so that the task has state, a changelog and (with one standby) a standby. */
    private static final class Remember implements FixedKeyProcessor<String, Long, Long> {

        private final String store;
        private final long processMillis;
        private FixedKeyProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> seen;

        Remember(String store, long processMillis) {
            this.store = store;
            this.processMillis = processMillis;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Long> context) {
            this.context = context;
            this.seen = context.getStateStore(store);
        }

        @Override
        public void process(FixedKeyRecord<String, Long> record) {
            if (processMillis > 0) {
                try {
                    Thread.sleep(processMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
