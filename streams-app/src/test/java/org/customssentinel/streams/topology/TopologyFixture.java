package org.customssentinel.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RuleChange;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * The topology in a TopologyTestDriver with a registry of its own ({@code mock://}): reference data and declarations
 * in as the producer writes them (Avro, Confluent wire format), any output topic out, decoded.
 */
final class TopologyFixture implements AutoCloseable {

    private final String scope = "topology-" + UUID.randomUUID();
    private final Map<String, Object> serdeConfigs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
            AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    private final AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> declarations;
    private TestInputTopic<String, SpecificRecord> hsClassifications;
    private TestInputTopic<String, SpecificRecord> watchlist;
    private TestInputTopic<String, SpecificRecord> flowEvents;
    private TestInputTopic<String, byte[]> rules;
    private String rulesTopic;

    TopologyFixture() {
        values.configure(serdeConfigs, false);
    }

    /** The serde configuration every topology under test gets. */
    Map<String, Object> serdeConfigs() {
        return serdeConfigs;
    }

    /** Starts a driver on the topology of {@code settings} (closing any earlier one; the registry stays). */
    void start(TopologySettings settings) {
        if (driver != null) {
            driver.close();
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(SentinelTopology.build(settings), props);
        TopologySettings.Topics topics = settings.topics();
        declarations = driver.createInputTopic(topics.declarations(), new StringSerializer(), new ByteArraySerializer());
        hsClassifications = driver.createInputTopic(topics.hsClassifications(), new StringSerializer(), values);
        watchlist = driver.createInputTopic(topics.watchlist(), new StringSerializer(), values);
        flowEvents = driver.createInputTopic(topics.flowEvents(), new StringSerializer(), values);
        rules = driver.createInputTopic(topics.rules(), new StringSerializer(), new ByteArraySerializer());
        rulesTopic = topics.rules();
    }

    /** A change of one rule setting as {@code sentinel rules set} publishes it. */
    void changeRule(String setting, String value) {
        RuleSetting record = RuleSetting.newBuilder().setSetting(setting)
                .setLatest(RuleChange.newBuilder().setValue(value).setChangedBy("test").setReason("test").setChangedAt(Instant.EPOCH).build())
                .build();
        rules.pipeInput(setting, values.serialize(rulesTopic, record));
    }

    /** Raw bytes onto the rules topic: for malformed changes. */
    TestInputTopic<String, byte[]> rulesTopic() {
        return rules;
    }

    TestInputTopic<String, SpecificRecord> hsClassifications() {
        return hsClassifications;
    }

    TestInputTopic<String, SpecificRecord> watchlist() {
        return watchlist;
    }

    /**
     * Straight onto the flow-events topic: what one flow partition receives. The driver has one partition, so this
     * is how a test shows a flow partition that other flows never reach.
     */
    TestInputTopic<String, SpecificRecord> flowEvents() {
        return flowEvents;
    }

    /** Raw bytes onto the declarations topic: for poison pills. */
    TestInputTopic<String, byte[]> declarationsTopic() {
        return declarations;
    }

    /** A declaration as the producer sends it: key its id, timestamp {@code at}. */
    void declare(Declaration declaration, Instant at) {
        declarations.pipeInput(new TestRecord<>(declaration.getDeclarationId(),
                values.serialize(TopicNames.DECLARATIONS, declaration), at));
    }

    <T> TestOutputTopic<String, T> output(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(serdeConfigs, false);
        return driver.createOutputTopic(topic, new StringDeserializer(), deserializer);
    }

    void advanceWallClockTime(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** A store of the topology as the processors left it: for tests that state is pruned. */
    <V> KeyValueStore<String, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    <V> WindowStore<String, V> windowStore(String name) {
        return driver.getWindowStore(name);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        MockSchemaRegistry.drop(scope);
    }
}
