package org.customssentinel.producer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.read.SourceFiles;

/** Test input written out in full: a CSV header and rows, read the way files are. */
public final class Drafts {

    public static final String HEADER = "declaration_id,declaration_type,lodged_at,declarant_name,exporter_name,exporter_id,"
            + "exporter_country,importer_name,importer_id,importer_country,country_of_origin,country_of_dispatch,"
            + "country_of_destination,customs_office,transport_mode,item_no,hs_code,description,quantity,unit,net_mass_kg,value_usd";

    /** A valid item row of declaration {@code id}, lodged 2022-03-24T08:15Z, CN to RU. */
    public static String row(String id, int itemNo, String hsCode, String valueUsd) {
        return id + ",IMPORT,2022-03-24T08:15:00Z,OOO Tamozhenny Broker Alfa,Shenzhen Huaxin Electronics Co.,CN914403,CN,"
                + "OOO Tekhnopark Vostok,,RU,CN,CN,RU,RU10702070,ROAD," + itemNo + "," + hsCode + ",Processors,1200,pcs,8.4," + valueUsd;
    }

    private Drafts() {
    }

    public static List<DeclarationDraft> readCsv(String... lines) throws IOException {
        return readAll(SourceFiles.csv("test.csv", new BufferedReader(new StringReader(String.join("\n", lines) + "\n"))));
    }

    public static List<DeclarationDraft> readAll(DeclarationReader reader) throws IOException {
        List<DeclarationDraft> drafts = new ArrayList<>();
        try (reader) {
            DeclarationDraft draft;
            while ((draft = reader.next()) != null) {
                drafts.add(draft);
            }
        }
        return drafts;
    }
}
