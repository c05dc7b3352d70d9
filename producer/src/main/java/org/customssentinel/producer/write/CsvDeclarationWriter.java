package org.customssentinel.producer.write;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.producer.read.Columns;

/** One row per goods item, declaration columns repeated, RFC 4180 quoting. */
public final class CsvDeclarationWriter implements DeclarationWriter {

    private final Writer out;

    public CsvDeclarationWriter(Writer out) throws IOException {
        this.out = out;
        out.write(String.join(",", Columns.ALL));
        out.write("\r\n");
    }

    @Override
    public void write(Declaration d) throws IOException {
        for (GoodsItem item : d.getItems()) {
            List<String> row = new ArrayList<>(Columns.ALL.size());
            row.add(d.getDeclarationId());
            row.add(d.getDeclarationType().name());
            row.add(d.getLodgedAt().toString());
            row.add(d.getDeclarant().getName());
            party(row, d.getExporter());
            party(row, d.getImporter());
            row.add(d.getCountryOfOrigin());
            row.add(d.getCountryOfDispatch());
            row.add(d.getCountryOfDestination());
            row.add(nullToEmpty(d.getCustomsOffice()));
            row.add(d.getTransportMode().name());
            row.add(String.valueOf(item.getItemNumber()));
            row.add(item.getHsCode());
            row.add(item.getDescription());
            row.add(item.getQuantity().toPlainString());
            row.add(nullToEmpty(item.getUnit()));
            row.add(item.getNetMassKg().toPlainString());
            row.add(item.getValueUsd().toPlainString());
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(row.get(i)));
            }
            out.write("\r\n");
        }
    }

    private static void party(List<String> row, Party party) {
        row.add(party.getName());
        row.add(nullToEmpty(party.getIdentifier()));
        row.add(nullToEmpty(party.getCountry()));
    }

    /** A CSV field, quoted when it must be (RFC 4180). */
    public static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
