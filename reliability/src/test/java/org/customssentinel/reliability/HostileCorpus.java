package org.customssentinel.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.schemas.registry.SchemaRegistryClient;

/**
 * Records nobody should write to customs.declarations, but anyone can: each with the reason the app must reject it, or
 * none for the one it must accept (a newer Declaration with an extra optional field). Built as raw bytes, the way a
 * foreign or broken producer would send them.
 */
final class HostileCorpus {

    /** One record: what it is, its key and value as sent, the reason code expected (null: accepted and counted). */
    record Hostile(String kind, String key, byte[] value, String expectedReason) {
    }

    /** A record over the broker's limit, which the broker itself refuses. */
    static final int OVER_THE_LIMIT_BYTES = 10 * 1024 * 1024;

    private final SchemaRegistryClient registry;
    private final String subjectPrefix;
    private final int declarationSchemaId;

    /** {@code declarationSchemaId}: the id our Declaration schema has under the declarations topic's subject. */
    HostileCorpus(SchemaRegistryClient registry, String subjectPrefix, int declarationSchemaId) {
        this.registry = registry;
        this.subjectPrefix = subjectPrefix;
        this.declarationSchemaId = declarationSchemaId;
    }

    /**
     * The corpus, its ids starting with {@code idPrefix}; the accepted record is lodged at {@code acceptedAt}, on a flow
     * of its own with nothing controlled, so it changes no alert.
     */
    List<Hostile> records(String idPrefix, Instant acceptedAt) throws IOException {
        List<Hostile> corpus = new ArrayList<>();
        Instant valid = acceptedAt;
        corpus.add(new Hostile("empty value", idPrefix + "EMPTY", new byte[0], "EMPTY"));
        corpus.add(new Hostile("tombstone", idPrefix + "TOMBSTONE", null, "EMPTY"));
        corpus.add(new Hostile("null key", null, ours(declaration(idPrefix + "NULLKEY", valid)), "KEY_MISMATCH"));
        corpus.add(new Hostile("key not the id", idPrefix + "OTHER", ours(declaration(idPrefix + "KEYED", valid)), "KEY_MISMATCH"));
        byte[] good = ours(declaration(idPrefix + "MAGIC", valid));
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 7;
        corpus.add(new Hostile("wrong magic byte", idPrefix + "MAGIC", wrongMagic, "UNDESERIALIZABLE"));
        byte[] whole = ours(declaration(idPrefix + "TRUNCATED", valid));
        corpus.add(new Hostile("truncated Avro", idPrefix + "TRUNCATED", java.util.Arrays.copyOf(whole, whole.length / 2), "UNDESERIALIZABLE"));
        corpus.add(new Hostile("unknown schema id", idPrefix + "UNKNOWNID", framed(987_654, body(declaration(idPrefix + "UNKNOWNID", valid))),
                "UNDESERIALIZABLE"));
        corpus.add(new Hostile("an Alert, not a Declaration", idPrefix + "ALERT", alert(idPrefix), "UNDESERIALIZABLE"));
        corpus.add(new Hostile("incompatible hand-made schema", idPrefix + "HANDMADE", handMade(), "UNDESERIALIZABLE"));
        corpus.add(new Hostile("a 5 MB string field", idPrefix + "HUGE", ours(withItem(declaration(idPrefix + "HUGE", valid),
                item -> item.setDescription("x".repeat(5 * 1024 * 1024)))), "TOO_LARGE"));
        corpus.add(new Hostile("a 600-character description", idPrefix + "LONGTEXT", ours(withItem(declaration(idPrefix + "LONGTEXT", valid),
                item -> item.setDescription("y".repeat(600)))), "TOO_LARGE"));
        corpus.add(hs(idPrefix, valid, "letters", "85A231"));
        corpus.add(hs(idPrefix, valid, "3 digits", "854"));
        corpus.add(hs(idPrefix, valid, "12 digits", "854231000000"));
        corpus.add(new Hostile("a decimal of 26 digits", idPrefix + "PRECISION", hugeDecimal(declaration(idPrefix + "PRECISION", valid), 18, 2,
                BigInteger.TEN.pow(25)), "OUT_OF_RANGE"));
        corpus.add(new Hostile("a decimal written at scale 30", idPrefix + "SCALE", hugeDecimal(declaration(idPrefix + "SCALE", valid), 38, 30,
                BigInteger.TEN.pow(30)), "OUT_OF_RANGE"));
        corpus.add(new Hostile("a negative value", idPrefix + "NEGATIVE", ours(withItem(declaration(idPrefix + "NEGATIVE", valid),
                item -> item.setValueUsd(new BigDecimal("-5000.00")))), "NEGATIVE_NUMBER"));
        corpus.add(new Hostile("lodged in 1900", idPrefix + "Y1900", ours(declaration(idPrefix + "Y1900", Instant.parse("1900-03-01T10:00:00Z"))),
                "IMPLAUSIBLE_DATE"));
        corpus.add(new Hostile("lodged in 2100", idPrefix + "Y2100", ours(declaration(idPrefix + "Y2100", Instant.parse("2100-03-01T10:00:00Z"))),
                "IMPLAUSIBLE_DATE"));
        corpus.add(new Hostile("10,000 items", idPrefix + "ITEMS", ours(manyItems(declaration(idPrefix + "ITEMS", valid), 10_000)),
                "TOO_MANY_ITEMS"));
        Declaration unknownCountry = declaration(idPrefix + "COUNTRY", valid);
        unknownCountry.setCountryOfDispatch("XX");
        corpus.add(new Hostile("an unknown country", idPrefix + "COUNTRY", ours(unknownCountry), "INVALID_COUNTRY"));
        Declaration noItems = declaration(idPrefix + "NOITEMS", valid);
        noItems.setItems(new ArrayList<>());
        corpus.add(new Hostile("an empty items array", idPrefix + "NOITEMS", ours(noItems), "NO_ITEMS"));
        Declaration twice = manyItems(declaration(idPrefix + "DUPITEM", valid), 2);
        twice.getItems().get(1).setItemNumber(1);
        corpus.add(new Hostile("duplicate item numbers", idPrefix + "DUPITEM", ours(twice), "DUPLICATE_ITEM_NUMBER"));
        corpus.add(new Hostile("item number 0", idPrefix + "ITEM0", ours(withItem(declaration(idPrefix + "ITEM0", valid),
                item -> item.setItemNumber(0))), "INVALID_ITEM_NUMBER"));
        corpus.add(new Hostile("a newer Declaration with an extra optional field", idPrefix + "V2", newerVersion(declaration(idPrefix + "V2", valid)),
                null));
        return corpus;
    }

    /** A valid declaration on a flow nothing else uses: French furniture to Germany, a dollar. */
    static Declaration declaration(String id, Instant lodgedAt) {
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName("Hostile Test Broker").build())
                .setExporter(Party.newBuilder().setName("Meubles Test SARL").build())
                .setImporter(Party.newBuilder().setName("Moebel Test GmbH").build())
                .setCountryOfOrigin("FR").setCountryOfDispatch("FR").setCountryOfDestination("DE")
                .setItems(new ArrayList<>(List.of(item(1))))
                .build();
    }

    /** The record the broker refuses: a declaration whose description alone is {@value #OVER_THE_LIMIT_BYTES} bytes. */
    byte[] overTheLimit(String id, Instant at) throws IOException {
        return ours(withItem(declaration(id, at), item -> item.setDescription("z".repeat(OVER_THE_LIMIT_BYTES))));
    }

    private static GoodsItem item(int number) {
        return GoodsItem.newBuilder().setItemNumber(number).setHsCode("9403600000").setDescription("wooden furniture")
                .setQuantity(new BigDecimal("1.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000")).setValueUsd(new BigDecimal("1.00"))
                .build();
    }

    private Hostile hs(String idPrefix, Instant at, String what, String code) throws IOException {
        String id = idPrefix + "HS" + code.length() + what.charAt(0);
        return new Hostile("an HS code of " + what, id, ours(withItem(declaration(id, at), item -> item.setHsCode(code))), "INVALID_HS_CODE");
    }

    private static Declaration withItem(Declaration declaration, java.util.function.Consumer<GoodsItem> change) {
        change.accept(declaration.getItems().get(0));
        return declaration;
    }

    private static Declaration manyItems(Declaration declaration, int count) {
        List<GoodsItem> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(item(i));
        }
        declaration.setItems(items);
        return declaration;
    }

    /** Framed as our producer frames it, with our Declaration schema's id. */
    private byte[] ours(Declaration declaration) throws IOException {
        return framed(declarationSchemaId, body(declaration));
    }

    private static byte[] body(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] body(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static byte[] framed(int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    private byte[] alert(String idPrefix) throws IOException {
        Alert alert = Alert.newBuilder().setAlertId(idPrefix + "ALERT").setRule(AlertRule.SPIKE).setStatus(AlertStatus.FINAL)
                .setSeverity(Severity.HIGH)
                .setFlow(TradeFlow.newBuilder().setDispatchCountry("CN").setDestinationCountry("RU").setHsCode("854231").build())
                .setWindowStart(Instant.parse("2022-09-15T00:00:00Z")).setWindowEnd(Instant.parse("2022-09-22T00:00:00Z"))
                .setCurrentValueUsd(new BigDecimal("1.00")).setSummary("not a declaration").build();
        return framed(registry.register(subjectPrefix + "hostile-alert-value", Alert.getClassSchema()), body(alert));
    }

    /** A record called Declaration whose fields cannot be read as ours: an id that is a number. */
    private byte[] handMade() throws IOException {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Declaration","namespace":"org.customssentinel.avro","fields":[
                  {"name":"declarationId","type":"int"},{"name":"note","type":"string"}]}""");
        GenericRecord record = new GenericData.Record(schema);
        record.put("declarationId", 42);
        record.put("note", "hand-made");
        return framed(registry.register(subjectPrefix + "hostile-handmade-value", schema), body(schema, record));
    }

    /**
     * The declaration as a writer whose valueUsd is {@code decimal(precision, scale)} would write it, with this unscaled
     * value: the bytes say nothing of the scale, so read with ours (scale 2) the value is whatever the digits make.
     */
    private byte[] hugeDecimal(Declaration declaration, int precision, int scale, BigInteger unscaled) throws IOException {
        String ours = "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":18,\"scale\":2}";
        String json = Declaration.getClassSchema().toString();
        int at = json.indexOf("\"valueUsd\"");
        int type = json.indexOf(ours, at);
        Schema writer = new Schema.Parser().parse(json.substring(0, type) + "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":"
                + precision + ",\"scale\":" + scale + "}" + json.substring(type + ours.length()));
        GenericRecord generic = asGeneric(declaration, rawDecimals(writer));
        GenericRecord firstItem = (GenericRecord) ((List<?>) generic.get("items")).get(0);
        firstItem.put("valueUsd", ByteBuffer.wrap(unscaled.toByteArray()));
        return framed(registry.register(subjectPrefix + "hostile-decimal-" + precision + "-" + scale + "-value", writer),
                body(rawDecimals(writer), generic));
    }

    /** The same schema with every decimal as plain bytes, so generic records carry the raw two's-complement bytes. */
    private static Schema rawDecimals(Schema schema) {
        return new Schema.Parser().parse(schema.toString().replaceAll("\"logicalType\":\"decimal\",\"precision\":\\d+,\"scale\":\\d+", "\"x\":0"));
    }

    /** Declaration v2: ours with an optional field more, registered under the declarations subject (BACKWARD-compatible). */
    private byte[] newerVersion(Declaration declaration) throws IOException {
        Schema v1 = Declaration.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("riskNote", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "A note a newer producer adds.", Schema.Field.NULL_DEFAULT_VALUE));
        Schema v2 = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
        GenericRecord record = asGeneric(declaration, rawDecimals(v2));
        record.put("riskNote", "sent by a newer producer");
        return framed(registry.register(subjectPrefix + "customs.declarations-value", v2), body(rawDecimals(v2), record));
    }

    /** Our declaration read as a generic record of {@code reader} (Avro schema resolution). */
    private static GenericRecord asGeneric(Declaration declaration, Schema reader) throws IOException {
        byte[] bytes = body(declaration);
        GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>(rawDecimals(Declaration.getClassSchema()), reader);
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    static List<Hostile> shuffled(List<Hostile> corpus, java.util.Random random) {
        List<Hostile> copy = new ArrayList<>(corpus);
        Collections.shuffle(copy, random);
        return copy;
    }
}
