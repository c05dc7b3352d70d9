package org.customssentinel.producer.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.declaration.Violation;

/**
 * Declarations from JSON Lines: one declaration per line, field names as in the Avro schema, items as an array.
 * Values are mapped onto the CSV column names so that both formats pass the same validation.
 */
public final class JsonlDeclarationReader implements DeclarationReader {

    // Decimals must stay exact: 412500.10 read as a double would not be.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final String source;
    private final BufferedReader in;
    private final SourceFiles.Progress progress;
    private long lineNumber;

    JsonlDeclarationReader(String source, BufferedReader in, SourceFiles.Progress progress) {
        this.source = source;
        this.in = in;
        this.progress = progress;
    }

    @Override
    public DeclarationDraft next() throws IOException {
        String line;
        do {
            line = in.readLine();
            lineNumber++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        SourcePosition position = new SourcePosition(source, lineNumber, lineNumber);
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return DeclarationDraft.unreadable(position, line, new Violation(ReasonCode.MALFORMED_JSON,
                    "line " + lineNumber + ": " + e.getOriginalMessage(), null));
        }
        if (!node.isObject()) {
            return DeclarationDraft.unreadable(position, line, new Violation(ReasonCode.MALFORMED_JSON,
                    "line " + lineNumber + ": expected a JSON object, got " + node.getNodeType(), null));
        }
        Map<String, String> fields = new HashMap<>();
        fields.put(Columns.DECLARATION_ID, text(node.get("declarationId")));
        fields.put(Columns.DECLARATION_TYPE, text(node.get("declarationType")));
        JsonNode lodgedAt = node.get("lodgedAt");
        fields.put(Columns.LODGED_AT, lodgedAt != null && lodgedAt.isIntegralNumber()
                ? Instant.ofEpochMilli(lodgedAt.asLong()).toString() : text(lodgedAt));
        fields.put(Columns.DECLARANT_NAME, partName(node.get("declarant")));
        party(node.get("exporter"), fields, Columns.EXPORTER_NAME, Columns.EXPORTER_ID, Columns.EXPORTER_COUNTRY);
        party(node.get("importer"), fields, Columns.IMPORTER_NAME, Columns.IMPORTER_ID, Columns.IMPORTER_COUNTRY);
        fields.put(Columns.COUNTRY_OF_ORIGIN, text(node.get("countryOfOrigin")));
        fields.put(Columns.COUNTRY_OF_DISPATCH, text(node.get("countryOfDispatch")));
        fields.put(Columns.COUNTRY_OF_DESTINATION, text(node.get("countryOfDestination")));
        fields.put(Columns.CUSTOMS_OFFICE, text(node.get("customsOffice")));
        fields.put(Columns.TRANSPORT_MODE, text(node.get("transportMode")));
        List<ItemDraft> items = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        JsonNode array = node.get("items");
        if (array != null && !array.isNull() && !array.isArray()) {
            problems.add(new Violation(ReasonCode.MALFORMED_JSON, "items must be an array", "items"));
        } else if (array != null) {
            for (JsonNode item : array) {
                Map<String, String> values = new HashMap<>();
                values.put(Columns.ITEM_NO, text(item.get("itemNumber")));
                values.put(Columns.HS_CODE, text(item.get("hsCode")));
                values.put(Columns.DESCRIPTION, text(item.get("description")));
                values.put(Columns.QUANTITY, text(item.get("quantity")));
                values.put(Columns.UNIT, text(item.get("unit")));
                values.put(Columns.NET_MASS_KG, text(item.get("netMassKg")));
                values.put(Columns.VALUE_USD, text(item.get("valueUsd")));
                items.add(new ItemDraft(lineNumber, values));
            }
        }
        return new DeclarationDraft(position, line, fields, items, problems);
    }

    private static void party(JsonNode party, Map<String, String> fields, String name, String id, String country) {
        fields.put(name, partName(party));
        fields.put(id, party != null && party.isObject() ? text(party.get("identifier")) : "");
        fields.put(country, party != null && party.isObject() ? text(party.get("country")) : "");
    }

    private static String partName(JsonNode party) {
        if (party == null || party.isNull()) {
            return "";
        }
        return party.isObject() ? text(party.get("name")) : text(party);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.isValueNode() ? node.asText().trim() : node.toString();
    }

    @Override
    public double progress() {
        return progress.fraction();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
