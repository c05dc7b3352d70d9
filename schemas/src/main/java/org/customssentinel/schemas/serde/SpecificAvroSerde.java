package org.customssentinel.schemas.serde;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.customssentinel.schemas.registry.SchemaRegistryClient;

/** An {@link AvroSerde} for generated classes: reads with {@code specific.avro.reader=true} whatever the config says. */
public class SpecificAvroSerde<T extends SpecificRecord> extends AvroSerde<T> {

    public SpecificAvroSerde() {
    }

    public SpecificAvroSerde(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        super.configure(specific, isKey);
    }
}
