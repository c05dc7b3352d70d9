package org.customssentinel.schemas.serde;

import java.util.Locale;
import java.util.Map;

/**
 * The serde's settings, under Confluent's property names.
 *
 * @param autoRegisterSchemas   {@code auto.register.schemas} (default true): register the record's schema on first write
 * @param useLatestVersion      {@code use.latest.version} (default false): write with the subject's latest schema
 * @param specificAvroReader    {@code specific.avro.reader} (default false): read into generated classes
 * @param logicalTypeConverters {@code avro.use.logical.type.converters} (default false): generic records carry
 *                              BigDecimal / Instant / LocalDate rather than raw bytes and numbers
 * @param subjectNameStrategy   {@code key.subject.name.strategy} or {@code value.subject.name.strategy}
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion, boolean specificAvroReader,
                              boolean logicalTypeConverters, SubjectNameStrategy subjectNameStrategy) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    public static AvroSerdeConfig fromConfigs(Map<String, ?> configs, boolean isKey) {
        Object strategy = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        return new AvroSerdeConfig(
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, false),
                bool(configs, LOGICAL_TYPE_CONVERTERS, false),
                strategy == null ? SubjectNameStrategy.TOPIC_NAME : SubjectNameStrategy.parse(strategyName(strategy)));
    }

    private static String strategyName(Object strategy) {
        return strategy instanceof Class<?> type ? type.getName() : String.valueOf(strategy);
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }
}
