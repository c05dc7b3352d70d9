package org.customssentinel.schemas.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract may only evolve so that consumers on the new schema still read what producers on the released one
 * wrote (BACKWARD). The released versions live in src/test/resources/compat/; replace one only when releasing.
 */
class ContractCompatibilityTest {

    /** Every topic's value schema, from the catalogue: a topic added there is held to the contract at once. */
    static Stream<Schema> topicSchemas() {
        return Arrays.stream(SentinelTopic.values()).map(SentinelTopic::valueSchema);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSchemas")
    void shouldReadEverythingTheReleasedSchemaWrote(Schema current) throws IOException {
        Schema released = released(current.getName());
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                () -> current.getName() + " no longer reads its released version: " + result.getResult().getIncompatibilities());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSchemas")
    void shouldDocumentEveryRecordAndField(Schema current) {
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(current, new HashSet<>(), undocumented);
        assertEquals(List.of(), undocumented, "records and fields without a doc");
    }

    @Test
    void shouldKeepMoneyInDecimalsAndTimesInTimestamps() {
        Schema value = Declaration.getClassSchema().getField("items").schema().getElementType().getField("valueUsd").schema();
        assertTrue(value.getLogicalType() instanceof LogicalTypes.Decimal, "valueUsd is a decimal");
        assertEquals(2, ((LogicalTypes.Decimal) value.getLogicalType()).getScale());
        assertEquals(LogicalTypes.timestampMillis(), Declaration.getClassSchema().getField("lodgedAt").schema().getLogicalType());
        assertEquals(LogicalTypes.timestampMillis(), Alert.getClassSchema().getField("windowStart").schema().getLogicalType());
    }

    @Test
    void shouldRefuseARequiredFieldWithoutDefault() throws IOException {
        // The guard above is only worth having if it catches the commonest mistake.
        Schema released = released("Alert");
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Alert").namespace("org.customssentinel.avro").fields();
        for (Schema.Field field : released.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        Schema broken = fields.name("analyst").type().stringType().noDefault().endRecord();
        assertNotEquals(SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType());
    }

    @Test
    void shouldReadAnAlertOfARuleThisSchemaDoesNotKnow() throws IOException {
        // A later version adds a rule symbol; a consumer on this schema must still read its alerts.
        Schema later = new Schema.Parser().parse(Alert.getClassSchema().toString()
                .replace("\"NEW_TRADER\",\"OTHER\"]", "\"NEW_TRADER\",\"OTHER\",\"PRICE_GAP\"]"));
        Alert alert = Alert.newBuilder().setAlertId("a1").setRule(AlertRule.OTHER).setRuleId("PRICE_GAP").setStatus(AlertStatus.FINAL)
                .setSeverity(Severity.MEDIUM)
                .setFlow(TradeFlow.newBuilder().setDispatchCountry("CN").setDestinationCountry("RU").setHsCode("854231").build())
                .setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH).setCurrentValueUsd(new BigDecimal("1.00")).setSummary("s").build();
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericData.Record written = (GenericData.Record) model.deepCopy(later, (Object) alert);
        written.put("rule", new GenericData.EnumSymbol(later.getField("rule").schema(), "PRICE_GAP"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericData.Record>(later, model).write(written, encoder);
        encoder.flush();

        Alert read = new SpecificDatumReader<Alert>(later, Alert.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals(AlertRule.OTHER, read.getRule(), "an unknown symbol reads as the enum's default");
        assertEquals("PRICE_GAP", AlertRules.idOf(read));
        assertEquals(AlertRule.SPIKE, AlertRules.symbolOf("SPIKE"));
        assertEquals(AlertRule.OTHER, AlertRules.symbolOf("UNIT_VALUE"));
    }

    private static Schema released(String name) throws IOException {
        try (InputStream in = ContractCompatibilityTest.class.getResourceAsStream("/compat/" + name + ".avsc")) {
            assertNotNull(in, "no released version of " + name + " under src/test/resources/compat/");
            return new Schema.Parser().parse(in);
        }
    }

    private static void collectUndocumented(Schema schema, Set<String> seen, List<String> undocumented) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (isBlank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        undocumented.add(schema.getName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), seen, undocumented);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && isBlank(schema.getDoc())) {
                    undocumented.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, seen, undocumented));
            case ARRAY -> collectUndocumented(schema.getElementType(), seen, undocumented);
            case MAP -> collectUndocumented(schema.getValueType(), seen, undocumented);
            default -> {
            }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
