package org.customssentinel.streams.topology;

import java.util.Map;
import java.util.Objects;

import org.customssentinel.streams.enrich.ClassificationMode;

/**
 * What the topology is built from: its topics, how classifications apply, and the serde configuration
 * ({@code schema.registry.url} and the other Confluent serde keys).
 */
public record TopologySettings(String declarationsTopic, String rejectedTopic, String hsClassificationsTopic,
                               String watchlistTopic, String enrichedTopic, ClassificationMode classificationMode,
                               Map<String, Object> serdeConfigs) {

    public static final String DECLARATIONS = "customs.declarations";
    public static final String REJECTED = "customs.declarations.rejected";
    public static final String HS_CLASSIFICATIONS = "customs.reference.hs-classifications";
    public static final String WATCHLIST = "customs.reference.watchlist";
    public static final String ENRICHED = "customs.declarations.enriched";

    public TopologySettings {
        Objects.requireNonNull(classificationMode, "classification mode");
        serdeConfigs = Map.copyOf(serdeConfigs);
        if (!serdeConfigs.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("serde configuration lacks schema.registry.url");
        }
    }

    /** The default topic names. */
    public static TopologySettings defaults(ClassificationMode mode, Map<String, Object> serdeConfigs) {
        return new TopologySettings(DECLARATIONS, REJECTED, HS_CLASSIFICATIONS, WATCHLIST, ENRICHED, mode, serdeConfigs);
    }
}
