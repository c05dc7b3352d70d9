package org.customssentinel.streams.flow;

import java.time.Instant;

import org.customssentinel.avro.TradeFlow;

/** Keys of trade flows and their windows, in the text form the topics and stores use. */
public final class FlowKeys {

    private FlowKeys() {
    }

    /** {@code CN|RU|854231}: first country, destination, HS code at the flow's level ({@link FlowDimensions}). */
    public static String of(String first, String destination, String hsCode) {
        return first + "|" + destination + "|" + hsCode;
    }

    /**
     * {@code KG|RU|854231|DE}: a route (TRANSSHIPMENT), a flow's key with the country of origin after it. The origin
     * goes last so that a trade flow's key, and so its alert ids, stay what they were.
     */
    public static String route(String origin, String dispatch, String destination, String hsCode) {
        return of(dispatch, destination, hsCode) + "|" + origin;
    }

    /** Whether a key names a route rather than a trade flow. */
    public static boolean isRoute(String key) {
        int bars = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '|') {
                bars++;
            }
        }
        return bars == 3;
    }

    public static TradeFlow flow(String key) {
        String[] parts = key.split("\\|", -1);
        return TradeFlow.newBuilder().setDispatchCountry(parts[0]).setDestinationCountry(parts[1]).setHsCode(parts[2])
                .setOriginCountry(parts.length > 3 ? parts[3] : null).build();
    }

    public static String key(TradeFlow flow) {
        String key = flow.getDispatchCountry() + "|" + flow.getDestinationCountry() + "|" + flow.getHsCode();
        return flow.getOriginCountry() == null ? key : key + "|" + flow.getOriginCountry();
    }

    /** Store key of an open window: zero-padded start first, so a range scan yields windows in closing order. */
    public static String windowKey(long windowStart, String flowKey) {
        return padded(windowStart) + "|" + flowKey;
    }

    /** Upper bound (inclusive) of the window keys starting at or before {@code windowStart}. */
    public static String windowKeyUpTo(long windowStart) {
        return padded(windowStart) + "|\uffff";
    }

    /**
     * {@code %015d} by hand: String.format parses its pattern on every call, and this runs for every item. Times
     * before 1970 (only bounds computed near the epoch) keep the formatter's form, which sorts before every start.
     */
    private static String padded(long windowStart) {
        if (windowStart < 0) {
            return String.format("%015d", windowStart);
        }
        String digits = Long.toString(windowStart);
        return digits.length() >= 15 ? digits : "0".repeat(15 - digits.length()) + digits;
    }

    /** The flow part of a customs.flows.windowed key. */
    public static String flowOfWindowedTopicKey(String key) {
        return key.substring(0, key.lastIndexOf('|'));
    }

    /** Key of a window on customs.flows.windowed: the flow and the window's start. */
    public static String windowedTopicKey(String flowKey, long windowStart) {
        return flowKey + "|" + Instant.ofEpochMilli(windowStart);
    }
}
