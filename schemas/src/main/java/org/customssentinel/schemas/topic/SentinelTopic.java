package org.customssentinel.schemas.topic;

import java.util.Map;

import org.apache.avro.Schema;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.avro.WatchlistEntry;

/**
 * The catalogue of the topics in the contract: each one's name (behind a pipeline's prefix, see {@link TopicNames}),
 * value schema, partition count and configs. What creates a topic, registers its schema or checks the contract reads
 * them here. The streams app's own flow-events topic is internal and named after its application id.
 */
public enum SentinelTopic {

    DECLARATIONS(TopicNames.DECLARATIONS, Declaration.getClassSchema(), false, Map.of()),
    REJECTED(TopicNames.REJECTED, RejectedRecord.getClassSchema(), false, Map.of()),
    HS_CLASSIFICATIONS(TopicNames.HS_CLASSIFICATIONS, HsClassification.getClassSchema(), true, Map.of("cleanup.policy", "compact")),
    WATCHLIST(TopicNames.WATCHLIST, WatchlistEntry.getClassSchema(), true, Map.of("cleanup.policy", "compact")),
    RULES(TopicNames.RULES, RuleSetting.getClassSchema(), true, Map.of("cleanup.policy", "compact")),
    ENRICHED(TopicNames.ENRICHED, EnrichedDeclaration.getClassSchema(), false, Map.of()),
    FLOWS_WINDOWED(TopicNames.FLOWS_WINDOWED, FlowWindow.getClassSchema(), false, Map.of("cleanup.policy", "compact")),
    ALERTS(TopicNames.ALERTS, Alert.getClassSchema(), false, Map.of()),
    RISK(TopicNames.RISK, DeclarationRisk.getClassSchema(), false, Map.of()),
    DISPOSITIONS(TopicNames.DISPOSITIONS, Disposition.getClassSchema(), false, Map.of("cleanup.policy", "compact"));

    /**
     * Reference topics have one partition: every streams instance reads the whole of each into a global store before
     * it processes anything, and Kafka Streams does that partition by partition. Measured with the shipped lists, the
     * bootstrap took 4.6 s over six partitions per topic and 0.6 s over one; a few thousand entries need no more.
     */
    public static final int REFERENCE_PARTITIONS = 1;

    private final String name;
    private final Schema valueSchema;
    private final boolean reference;
    private final Map<String, String> configs;

    SentinelTopic(String name, Schema valueSchema, boolean reference, Map<String, String> configs) {
        this.name = name;
        this.valueSchema = valueSchema;
        this.reference = reference;
        this.configs = configs;
    }

    /** The name in the pipeline of {@code names}. */
    public String in(TopicNames names) {
        return names.prefix() + name;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** Reference data, read whole by every streams instance into a global store. */
    public boolean isReference() {
        return reference;
    }

    /** Partitions when the project creates it: {@code chosen} (a command's {@code --partitions}), one for reference data. */
    public int partitions(int chosen) {
        return reference ? REFERENCE_PARTITIONS : chosen;
    }

    /** Topic configs when the project creates it (compaction where the latest value per key is the point). */
    public Map<String, String> configs() {
        return configs;
    }
}
