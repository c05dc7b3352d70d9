package org.customssentinel.producer.write;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;

/** One declaration per line: Avro field names, ISO-8601 times, decimals as JSON numbers. */
public final class JsonlDeclarationWriter implements DeclarationWriter {

    // Plain decimals: 1E+3 would be valid JSON but not what a person or another tool expects in a value column.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Writer out;

    public JsonlDeclarationWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(Declaration d) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("declarationId", d.getDeclarationId());
        node.put("declarationType", d.getDeclarationType().name());
        node.put("lodgedAt", d.getLodgedAt().toString());
        node.set("declarant", party(d.getDeclarant()));
        node.set("exporter", party(d.getExporter()));
        node.set("importer", party(d.getImporter()));
        node.put("countryOfOrigin", d.getCountryOfOrigin());
        node.put("countryOfDispatch", d.getCountryOfDispatch());
        node.put("countryOfDestination", d.getCountryOfDestination());
        node.put("customsOffice", d.getCustomsOffice());
        node.put("transportMode", d.getTransportMode().name());
        ArrayNode items = node.putArray("items");
        for (GoodsItem item : d.getItems()) {
            ObjectNode i = items.addObject();
            i.put("itemNumber", item.getItemNumber());
            i.put("hsCode", item.getHsCode());
            i.put("description", item.getDescription());
            i.put("quantity", item.getQuantity());
            i.put("unit", item.getUnit());
            i.put("netMassKg", item.getNetMassKg());
            i.put("valueUsd", item.getValueUsd());
        }
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }

    private static ObjectNode party(Party party) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", party.getName());
        node.put("identifier", party.getIdentifier());
        node.put("country", party.getCountry());
        return node;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
