package org.customssentinel.streams.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.SpecificAvroSerde;

/**
 * The topology's Avro serdes, all on one registry client, which the app closes (serdes close only clients they built):
 * each serde building its own meant a dozen HTTP clients (a selector thread each) per app, never closed (Kafka Streams
 * does not close serdes), each looking every schema up again at start.
 */
final class TopologySerdes {

    private final Map<String, Object> configs;
    private final SchemaRegistryClient registry;

    TopologySerdes(Map<String, Object> configs, SchemaRegistryClient registry) {
        this.configs = Map.copyOf(configs);
        this.registry = registry;
    }

    /** The registry client every serde here shares. */
    SchemaRegistryClient registry() {
        return registry;
    }

    /** A value serde for generated records. */
    <T extends SpecificRecord> Serde<T> value() {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(registry);
        serde.configure(new HashMap<>(configs), false);
        return serde;
    }

    /**
     * Records of the declarations topic as their generated classes, for the processor that decodes them itself: a
     * Declaration, or whatever else someone wrote there (an Alert), for it to turn away.
     */
    AvroDeserializer<SpecificRecord> declarations() {
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>(registry);
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        deserializer.configure(specific, false);
        return deserializer;
    }
}
