package org.customssentinel.peers;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.streams.flow.FlowDimensions;

/**
 * Decodes a declaration (Confluent-framed Avro, with the project's deserializer) and fans its items out to one
 * contribution per trade flow, as the streams app's fan-out does: items on the same flow add up.
 */
final class DeclarationContributions implements KafkaRecordDeserializationSchema<Contribution> {

    private static final long serialVersionUID = 1L;

    private final String registryUrl;
    private final ListedGoods listed;
    private transient AvroDeserializer<Declaration> deserializer;
    private transient FlowDimensions dimensions;

    DeclarationContributions(String registryUrl, ListedGoods listed) {
        this.registryUrl = registryUrl;
        this.listed = listed;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
        dimensions = FlowDimensions.standard();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Contribution> out) throws IOException {
        Declaration d = deserializer.deserialize(record.topic(), record.value());
        Map<String, Contribution> flows = new LinkedHashMap<>();
        for (GoodsItem item : d.getItems()) {
            Contribution c = flows.computeIfAbsent(dimensions.keyOf(d, item), Contribution::new);
            c.valueUsd = c.valueUsd.add(item.getValueUsd());
            c.netMassKg = c.netMassKg.add(item.getNetMassKg());
            c.itemCount++;
            c.controlled |= listed.isControlled(item.getHsCode());
        }
        flows.values().forEach(out::collect);
    }

    @Override
    public TypeInformation<Contribution> getProducedType() {
        return TypeInformation.of(Contribution.class);
    }
}
