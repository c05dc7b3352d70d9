package org.customssentinel.streams.flow;

import java.util.Locale;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;

/**
 * What splits trade into flows (configuration {@code flows.dimensions}, default {@code dispatch,destination,hs6}):
 * the first country (of dispatch or of origin), the country of destination, and the HS code cut to 2 to 10 digits.
 * A country left out is written {@code *} (all countries together); the HS level is required, because the rules are
 * about goods.
 *
 * @param first       which country comes first, or {@link FirstCountry#ANY}
 * @param destination whether flows are split by country of destination
 * @param hsDigits    HS digits kept: 2, 4, 6, 8 or 10
 */
public record FlowDimensions(FirstCountry first, boolean destination, int hsDigits) {

    public static final String ANY = "*";

    /** The first country of a flow. */
    public enum FirstCountry { DISPATCH, ORIGIN, ANY }

    public FlowDimensions {
        if (hsDigits < 2 || hsDigits > 10 || hsDigits % 2 != 0) {
            throw new IllegalArgumentException("HS level must be hs2, hs4, hs6, hs8 or hs10, was hs" + hsDigits);
        }
    }

    public static FlowDimensions standard() {
        return new FlowDimensions(FirstCountry.DISPATCH, true, 6);
    }

    /** {@code dispatch,destination,hs6}; {@code origin,destination,hs4}; {@code dispatch,hs6}; ... */
    public static FlowDimensions parse(String text) {
        FirstCountry first = FirstCountry.ANY;
        boolean destination = false;
        Integer digits = null;
        for (String raw : text.split(",")) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            if (token.equals("dispatch") || token.equals("origin")) {
                if (first != FirstCountry.ANY) {
                    throw new IllegalArgumentException("flows.dimensions '" + text + "': dispatch and origin are exclusive, give one");
                }
                first = token.equals("dispatch") ? FirstCountry.DISPATCH : FirstCountry.ORIGIN;
            } else if (token.equals("destination")) {
                destination = true;
            } else if (token.matches("hs(2|4|6|8|10)") && digits == null) {
                digits = Integer.parseInt(token.substring(2));
            } else {
                throw new IllegalArgumentException("flows.dimensions '" + text + "': '" + raw.trim()
                        + "' is not one of dispatch, origin, destination, hs2, hs4, hs6, hs8, hs10 (one HS level)");
            }
        }
        if (digits == null) {
            throw new IllegalArgumentException("flows.dimensions '" + text + "': needs an HS level (hs2, hs4, hs6, hs8 or hs10)");
        }
        return new FlowDimensions(first, destination, digits);
    }

    /** The key of the flow an item of a declaration belongs to, in {@link FlowKeys}' form. */
    public String keyOf(Declaration declaration, GoodsItem item) {
        String firstCountry = switch (first) {
            case DISPATCH -> declaration.getCountryOfDispatch();
            case ORIGIN -> declaration.getCountryOfOrigin();
            case ANY -> ANY;
        };
        String hs = item.getHsCode();
        return FlowKeys.of(firstCountry, destination ? declaration.getCountryOfDestination() : ANY, hs.substring(0, Math.min(hsDigits, hs.length())));
    }

    @Override
    public String toString() {
        String country = switch (first) {
            case DISPATCH -> "dispatch,";
            case ORIGIN -> "origin,";
            case ANY -> "";
        };
        return country + (destination ? "destination," : "") + "hs" + hsDigits;
    }
}
