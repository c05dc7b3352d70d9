package org.customssentinel.producer.read;

import java.util.List;
import java.util.Set;

/** The input columns (CSV header names); JSON Lines fields are mapped onto the same names. */
public final class Columns {

    public static final String DECLARATION_ID = "declaration_id";
    public static final String DECLARATION_TYPE = "declaration_type";
    public static final String LODGED_AT = "lodged_at";
    public static final String DECLARANT_NAME = "declarant_name";
    public static final String EXPORTER_NAME = "exporter_name";
    public static final String EXPORTER_ID = "exporter_id";
    public static final String EXPORTER_COUNTRY = "exporter_country";
    public static final String IMPORTER_NAME = "importer_name";
    public static final String IMPORTER_ID = "importer_id";
    public static final String IMPORTER_COUNTRY = "importer_country";
    public static final String COUNTRY_OF_ORIGIN = "country_of_origin";
    public static final String COUNTRY_OF_DISPATCH = "country_of_dispatch";
    public static final String COUNTRY_OF_DESTINATION = "country_of_destination";
    public static final String CUSTOMS_OFFICE = "customs_office";
    public static final String TRANSPORT_MODE = "transport_mode";
    public static final String ITEM_NO = "item_no";
    public static final String HS_CODE = "hs_code";
    public static final String DESCRIPTION = "description";
    public static final String QUANTITY = "quantity";
    public static final String UNIT = "unit";
    public static final String NET_MASS_KG = "net_mass_kg";
    public static final String VALUE_USD = "value_usd";

    /** Declaration-level columns, repeated on every item row of a declaration. */
    public static final List<String> DECLARATION = List.of(DECLARATION_ID, DECLARATION_TYPE, LODGED_AT, DECLARANT_NAME,
            EXPORTER_NAME, EXPORTER_ID, EXPORTER_COUNTRY, IMPORTER_NAME, IMPORTER_ID, IMPORTER_COUNTRY,
            COUNTRY_OF_ORIGIN, COUNTRY_OF_DISPATCH, COUNTRY_OF_DESTINATION, CUSTOMS_OFFICE, TRANSPORT_MODE);

    /** Item-level columns. */
    public static final List<String> ITEM = List.of(ITEM_NO, HS_CODE, DESCRIPTION, QUANTITY, UNIT, NET_MASS_KG, VALUE_USD);

    /** Every column, in the documented order (the order the generator writes). */
    public static final List<String> ALL = concat(DECLARATION, ITEM);

    /** Columns that may be empty. */
    public static final Set<String> OPTIONAL = Set.of(EXPORTER_ID, EXPORTER_COUNTRY, IMPORTER_ID, IMPORTER_COUNTRY,
            CUSTOMS_OFFICE, TRANSPORT_MODE, UNIT);

    private Columns() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
