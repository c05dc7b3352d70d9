package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.customssentinel.avro.RiskLane;
import org.customssentinel.streams.risk.RiskSettings;

/**
 * Reads the rules' {@code rules.*} keys from a configuration file, for example:
 * <pre>
 * rules.baseline.windows=6
 * rules.spike.ratio=10
 * rules.floor.usd=100000
 * rules.surge.windows=13
 * rules.surge.ratio=10
 * rules.surge.floor.usd=1000000
 * rules.surge.reference=2021-01-01/2022-02-24
 * rules.scope=controlled|all
 * rules.list.chpl.spike.ratio=8                 # every CHPL tier
 * rules.list.chpl.tier-1.spike.ratio=5          # CHPL Tier 1 only
 * rules.list.eu-2021-821-annex-i.floor.usd=250000
 * rules.coalition=EU,US,GB,JP,CA,CH,NO,KR,TW,AU,NZ   # EU stands for its 27 members
 * rules.restricted-destinations=RU,BY
 * rules.transshipment.floor.usd=50000
 * rules.transshipment.repeat-windows=13
 * rules.new-trader.age=P90D
 * rules.new-trader.floor.usd=250000
 * rules.risk.weight.tier-1=40                   # risk indicators: tier-1..tier-4, listed, candidate, watchlist, route, alert, new-trader
 * rules.risk.lane.red=70                        # lane cut-offs: yellow, orange, red
 * rules.risk.alert-windows=13
 * rules.risk.destination.other=0                # per cent of a list tier's weight: restricted, diversion, other
 * rules.risk.diversion-destinations=AE,AM,KG,KZ,TR
 * </pre>
 * List and category are named as {@link ListScope} slugs; a category's keys start from its list's. Unknown keys and bad
 * values are errors naming the key, never silently ignored.
 */
public final class RuleProperties {

    public static final String PREFIX = "rules.";
    private static final String LIST_PREFIX = "rules.list.";
    private static final String RISK_WEIGHT_PREFIX = "rules.risk.weight.";
    private static final String RISK_LANE_PREFIX = "rules.risk.lane.";
    private static final String RISK_DESTINATION_PREFIX = "rules.risk.destination.";
    /** Longest first, so that {@code surge.floor.usd} is not read as {@code floor.usd}. */
    private static final List<String> THRESHOLD_KEYS = List.of("surge.floor.usd", "baseline.windows", "spike.ratio", "surge.ratio", "floor.usd");

    private RuleProperties() {
    }

    /** {@code base} with every {@code rules.*} key of {@code configs} applied; other keys are left alone. */
    public static RuleSettings apply(RuleSettings base, Map<String, ?> configs) {
        Map<String, String> rules = new TreeMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                rules.put(key, String.valueOf(value).trim());
            }
        });
        RuleSettings settings = base;
        Thresholds defaults = base.standard();
        Map<RiskLane, Integer> lanes = new EnumMap<>(RiskLane.class);
        for (Map.Entry<String, String> e : rules.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            RuleSettings current = settings;
            switch (key) {
                case "rules.coalition" -> settings = settings.withSanctions(
                        checked(key, value, () -> current.sanctions().withCoalition(countries(key, value))));
                case "rules.restricted-destinations" -> settings = settings.withSanctions(
                        checked(key, value, () -> current.sanctions().withRestrictedDestinations(countries(key, value))));
                case "rules.scope" -> settings = settings.withAllFlows(switch (value.toLowerCase(Locale.ROOT)) {
                    case "all" -> true;
                    case "controlled" -> false;
                    default -> throw invalid(key, value, "controlled or all");
                });
                case "rules.risk.alert-windows" -> settings = settings.withRisk(
                        checked(key, value, () -> current.risk().withAlertWindows(parseInt(key, value))));
                case "rules.risk.diversion-destinations" -> settings = settings.withRisk(checked(key, value, () -> current.risk()
                        .withDestinations(current.risk().destinations().withDiversionCountries(countries(key, value)))));
                default -> {
                    Optional<Setting<?>> declared = Rules.setting(key.substring(PREFIX.length()));
                    if (declared.isPresent()) {
                        settings = declare(settings, declared.get(), value);
                    } else if (key.startsWith(RISK_WEIGHT_PREFIX)) {
                        settings = settings.withRisk(checked(key, value,
                                () -> current.risk().withWeight(key.substring(RISK_WEIGHT_PREFIX.length()), parseInt(key, value))));
                    } else if (key.startsWith(RISK_DESTINATION_PREFIX)) {
                        RiskSettings.Destinations.Kind kind = destinationKind(key, key.substring(RISK_DESTINATION_PREFIX.length()));
                        settings = settings.withRisk(checked(key, value, () -> current.risk()
                                .withDestinations(current.risk().destinations().withShare(kind, parseInt(key, value)))));
                    } else if (key.startsWith(RISK_LANE_PREFIX)) {
                        // Together after the loop: the cut-offs must rise, which one key alone may not show.
                        lanes.put(lane(key, key.substring(RISK_LANE_PREFIX.length())), parseInt(key, value));
                    } else if (!key.startsWith(LIST_PREFIX)) {
                        defaults = threshold(defaults, key, key.substring(PREFIX.length()), value);
                    }
                }
            }
        }
        settings = settings.withStandard(defaults);
        if (!lanes.isEmpty()) {
            RiskSettings risk = settings.risk();
            try {
                settings = settings.withRisk(risk.withLanes(lanes.getOrDefault(RiskLane.YELLOW, risk.yellow()),
                        lanes.getOrDefault(RiskLane.ORANGE, risk.orange()), lanes.getOrDefault(RiskLane.RED, risk.red())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RISK_LANE_PREFIX + "{yellow|orange|red}: " + e.getMessage());
            }
        }
        // Whole lists first, then their categories, which start from their list's thresholds.
        Map<ListScope, Thresholds> lists = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (boolean categories : new boolean[] {false, true}) {
            for (Map.Entry<String, String> e : rules.entrySet()) {
                if (!e.getKey().startsWith(LIST_PREFIX)) {
                    continue;
                }
                String rest = e.getKey().substring(LIST_PREFIX.length());
                String param = THRESHOLD_KEYS.stream().filter(p -> rest.endsWith("." + p)).findFirst()
                        .orElseThrow(() -> unknown(e.getKey()));
                String[] scope = rest.substring(0, rest.length() - param.length() - 1).split("\\.");
                if (scope.length > 2 || scope[0].isEmpty()) {
                    throw unknown(e.getKey());
                }
                if ((scope.length == 2) != categories) {
                    continue;
                }
                ListScope list = categories ? ListScope.of(scope[0], scope[1]) : ListScope.of(scope[0]);
                // A list already configured in base (a change made at runtime over --config) keeps its other settings.
                Thresholds wholeList = lists.getOrDefault(ListScope.of(scope[0]), base.byList().getOrDefault(ListScope.of(scope[0]), defaults));
                Thresholds start = lists.getOrDefault(list, base.byList().getOrDefault(list, categories ? wholeList : defaults));
                lists.put(list, threshold(start, e.getKey(), param, e.getValue()));
            }
        }
        for (Map.Entry<ListScope, Thresholds> list : lists.entrySet()) {
            settings = settings.withList(list.getKey(), list.getValue());
        }
        return settings;
    }

    /**
     * Every setting of {@code settings} as the key and value {@code --config} would take to make it, in key order: the
     * general ones, then each configured list's. An optional setting only when set.
     */
    public static Map<String, String> describe(RuleSettings settings) {
        Map<String, String> keys = new TreeMap<>();
        thresholdKeys(settings.standard()).forEach((param, value) -> keys.put(PREFIX + param, value));
        keys.put("rules.scope", settings.allFlows() ? "all" : "controlled");
        keys.put("rules.coalition", countriesText(settings.sanctions().coalition()));
        keys.put("rules.restricted-destinations", String.join(",", new TreeSet<>(settings.sanctions().restrictedDestinations())));
        for (Setting<?> declared : Rules.settings()) {
            declared.write(settings.get(declared)).ifPresent(value -> keys.put(declared.configKey(), value));
        }
        settings.risk().weights().forEach((indicator, weight) -> keys.put(RISK_WEIGHT_PREFIX + indicator, String.valueOf(weight)));
        keys.put(RISK_LANE_PREFIX + "yellow", String.valueOf(settings.risk().yellow()));
        keys.put(RISK_LANE_PREFIX + "orange", String.valueOf(settings.risk().orange()));
        keys.put(RISK_LANE_PREFIX + "red", String.valueOf(settings.risk().red()));
        keys.put("rules.risk.alert-windows", String.valueOf(settings.risk().alertWindows()));
        for (RiskSettings.Destinations.Kind kind : RiskSettings.Destinations.Kind.values()) {
            keys.put(RISK_DESTINATION_PREFIX + kind.key(), String.valueOf(settings.risk().destinations().share(kind)));
        }
        keys.put("rules.risk.diversion-destinations", String.join(",", new TreeSet<>(settings.risk().destinations().diversionCountries())));
        settings.byList().forEach((scope, thresholds) -> thresholdKeys(thresholds)
                .forEach((param, value) -> keys.put(LIST_PREFIX + scope + "." + param, value)));
        return keys;
    }

    /** One flow's thresholds, named as {@code --config} names them without {@code rules.} (and without a list). */
    public static Map<String, String> thresholdKeys(Thresholds thresholds) {
        Map<String, String> keys = new TreeMap<>();
        keys.put("baseline.windows", String.valueOf(thresholds.baselineWindows()));
        keys.put("spike.ratio", text(thresholds.spikeRatio()));
        keys.put("floor.usd", text(thresholds.floorUsd()));
        keys.put("surge.ratio", text(thresholds.surgeRatio()));
        keys.put("surge.floor.usd", text(thresholds.surgeFloorUsd()));
        return keys;
    }

    /** Money as {@code --config} takes it: 100000, 2500.5. */
    public static String text(BigDecimal money) {
        BigDecimal plain = money.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString();
    }

    /** A ratio as {@code --config} takes it: 10, 2.5. */
    public static String text(double ratio) {
        return ratio == Math.rint(ratio) && Math.abs(ratio) < 1e15 ? String.valueOf((long) ratio) : String.valueOf(ratio);
    }

    /** A period as {@code --config} takes it, in days when it is whole days: P90D, PT12H. */
    public static String text(Duration age) {
        return age.toSeconds() % 86_400 == 0 && age.toNanosPart() == 0 ? "P" + age.toDays() + "D" : age.toString();
    }

    /** Countries, the 27 EU members written as EU. */
    private static String countriesText(Set<String> countries) {
        Set<String> rest = new TreeSet<>(countries);
        boolean eu = rest.containsAll(Sanctions.EU_27);
        if (eu) {
            rest.removeAll(Sanctions.EU_27);
        }
        return (eu ? "EU" + (rest.isEmpty() ? "" : ",") : "") + String.join(",", rest);
    }

    private static RiskLane lane(String key, String name) {
        return switch (name) {
            case "yellow" -> RiskLane.YELLOW;
            case "orange" -> RiskLane.ORANGE;
            case "red" -> RiskLane.RED;
            default -> throw unknown(key);
        };
    }

    private static RiskSettings.Destinations.Kind destinationKind(String key, String name) {
        for (RiskSettings.Destinations.Kind kind : RiskSettings.Destinations.Kind.values()) {
            if (kind.key().equals(name)) {
                return kind;
            }
        }
        throw unknown(key);
    }

    /** A setting's value, its errors worded as every other key's. */
    private static <T> T checked(String key, String value, Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(key)) {
                throw e;
            }
            throw invalid(key, value, e.getMessage());
        }
    }

    /** {@code DE,FR,US} or {@code EU,US}: country codes, {@code EU} for the 27 member states. */
    private static Set<String> countries(String key, String value) {
        Set<String> countries = new TreeSet<>();
        for (String raw : value.split(",")) {
            String country = raw.trim().toUpperCase(Locale.ROOT);
            if (country.equals("EU")) {
                countries.addAll(Sanctions.EU_27);
            } else if (!country.isEmpty()) {
                countries.add(country);
            }
        }
        if (countries.isEmpty()) {
            throw invalid(key, value, "needs at least one country");
        }
        return countries;
    }

    private static Thresholds threshold(Thresholds t, String key, String param, String value) {
        try {
            return switch (param) {
                case "baseline.windows" -> t.withBaselineWindows(parseInt(key, value));
                case "spike.ratio" -> t.withSpikeRatio(parseDouble(key, value));
                case "floor.usd" -> t.withFloorUsd(parseMoney(key, value));
                case "surge.ratio" -> t.withSurgeRatio(parseDouble(key, value));
                case "surge.floor.usd" -> t.withSurgeFloorUsd(parseMoney(key, value));
                default -> throw unknown(key);
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(key)) {
                throw e;
            }
            throw invalid(key, value, e.getMessage());
        }
    }

    private static int parseInt(String key, String value) {
        return parse(key, value, Integer::parseInt);
    }

    private static double parseDouble(String key, String value) {
        return parse(key, value, Double::parseDouble);
    }

    private static BigDecimal parseMoney(String key, String value) {
        return parse(key, value.replace("_", ""), BigDecimal::new);
    }

    private static <T> T parse(String key, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw invalid(key, value, e instanceof NumberFormatException ? "not a number" : e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String key, String value, String why) {
        return new IllegalArgumentException(key + "=" + value + ": " + why);
    }

    private static IllegalArgumentException unknown(String key) {
        String declared = Rules.settings().stream().map(Setting::key).collect(Collectors.joining("|"));
        return new IllegalArgumentException(key + ": unknown rule setting; expected rules.{baseline.windows|spike.ratio|floor.usd|"
                + "surge.ratio|surge.floor.usd|scope|coalition|restricted-destinations}, rules.{" + declared + "}, "
                + "rules.risk.weight.<indicator>, rules.risk.lane.{yellow|orange|red}, rules.risk.alert-windows, "
                + "rules.risk.destination.{restricted|diversion|other}, rules.risk.diversion-destinations or "
                + "rules.list.<list>[.<category>].{baseline.windows|spike.ratio|floor.usd|surge.ratio|surge.floor.usd}");
    }

    private static <T> RuleSettings declare(RuleSettings settings, Setting<T> setting, String value) {
        return settings.with(setting, setting.parse(value));
    }
}
