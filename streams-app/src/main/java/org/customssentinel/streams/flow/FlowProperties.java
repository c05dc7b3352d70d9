package org.customssentinel.streams.flow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code flows.*} keys of a configuration file, beside {@code rules.*}:
 * <pre>
 * flows.dimensions=dispatch,destination,hs6
 * flows.window.size=P7D
 * flows.window.grace=P1D
 * </pre>
 * An unknown {@code flows.*} key or a bad value is an error naming the key.
 *
 * @param windows    the window size and grace
 * @param dimensions what splits trade into flows
 */
public record FlowProperties(WindowSettings windows, FlowDimensions dimensions) {

    public static final String PREFIX = "flows.";
    static final String DIMENSIONS = "flows.dimensions";
    static final String WINDOW_SIZE = "flows.window.size";
    static final String WINDOW_GRACE = "flows.window.grace";

    /** The settings of {@code configs}, each absent key at its default (weekly windows, a day's grace, the standard flows). */
    public static FlowProperties parse(Map<String, ?> configs) {
        Set<String> unknown = new TreeSet<>();
        configs.keySet().stream().filter(key -> key.startsWith(PREFIX)).filter(key -> !Set.of(DIMENSIONS, WINDOW_SIZE, WINDOW_GRACE).contains(key))
                .forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown flow setting " + String.join(", ", unknown) + " (known: " + DIMENSIONS + ", "
                    + WINDOW_SIZE + ", " + WINDOW_GRACE + ")");
        }
        WindowSettings weekly = WindowSettings.weekly();
        Duration size = duration(configs, WINDOW_SIZE, weekly.size());
        Duration grace = duration(configs, WINDOW_GRACE, weekly.grace());
        WindowSettings windows;
        try {
            windows = new WindowSettings(size, grace);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WINDOW_SIZE + "/" + WINDOW_GRACE + ": " + e.getMessage(), e);
        }
        Object dimensions = configs.get(DIMENSIONS);
        return new FlowProperties(windows, dimensions == null ? FlowDimensions.standard() : FlowDimensions.parse(String.valueOf(dimensions)));
    }

    private static Duration duration(Map<String, ?> configs, String key, Duration otherwise) {
        Object value = configs.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Duration.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not an ISO-8601 duration such as P7D or PT12H", e);
        }
    }
}
