package org.customssentinel.backtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of the values a grid names over a base setting: {@code rules.spike.ratio=5,10} and
 * {@code rules.baseline.windows=4,8} make four settings, the first key varying slowest.
 */
public final class SettingGrid {

    /** More than this many settings is almost surely a mistake on the command line, not an analysis. */
    public static final int MAX_SETTINGS = 1000;

    private final Map<String, String> base;
    private final Map<String, List<String>> axes = new LinkedHashMap<>();

    public SettingGrid(Map<String, String> base) {
        this.base = new LinkedHashMap<>(base);
    }

    /** Adds an axis from {@code KEY=V1,V2,...}; a key given twice is an error. */
    public SettingGrid axis(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0 || equals == spec.length() - 1) {
            throw new IllegalArgumentException("--grid " + spec + ": expected KEY=V1,V2,... e.g. rules.spike.ratio=5,10,15");
        }
        String key = spec.substring(0, equals).trim();
        List<String> values = new ArrayList<>();
        for (String value : spec.substring(equals + 1).split(",")) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("--grid " + spec + ": an empty value");
            }
            if (!values.contains(value.trim())) {
                values.add(value.trim());
            }
        }
        if (axes.put(key, values) != null) {
            throw new IllegalArgumentException("--grid " + key + " given twice: put every value in one list");
        }
        return this;
    }

    /** The settings, each checked; the first bad value is an error naming its key. */
    public List<BacktestSetting> settings() {
        long count = axes.values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
        if (count > MAX_SETTINGS) {
            throw new IllegalArgumentException("the grid makes " + count + " settings; at most " + MAX_SETTINGS);
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.getValue()) {
                    Map<String, String> extended = new LinkedHashMap<>(partial);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<BacktestSetting> settings = new ArrayList<>();
        for (Map<String, String> varied : combinations) {
            Map<String, String> properties = new LinkedHashMap<>(base);
            properties.putAll(varied);
            settings.add(BacktestSetting.of(properties, varied));
        }
        return settings;
    }
}
