package org.customssentinel.streams.topology;

import java.util.Map;
import java.util.Objects;

import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * What the topology is built from: its topics, how classifications apply, windows, what splits trade into flows, rules,
 * the number of input partitions (whose watermarks close windows), the serde configuration
 * ({@code schema.registry.url}, ...), the job ({@link TopologyJob#FULL} but in the bench) and how contributions go to
 * their windows ({@link ContributionFormat#SUMMED} but during a rolling upgrade from a release that reads no sums).
 */
public record TopologySettings(Topics topics, ClassificationMode classificationMode, WindowSettings windows, FlowDimensions dimensions,
                               RuleSettings rules, int inputPartitions, Map<String, Object> serdeConfigs, TopologyJob job,
                               ContributionFormat contributions) {

    /** Topic names; the defaults are the documented ones. */
    public record Topics(String declarations, String rejected, String hsClassifications, String watchlist, String rules, String enriched,
                         String flowEvents, String flowsWindowed, String alerts, String risk, String dispositions) {

        private static final String FLOW_EVENTS = "flow-events";


        /** The name this pipeline gives a topic of the catalogue. */
        public String of(SentinelTopic topic) {
            return switch (topic) {
                case DECLARATIONS -> declarations;
                case REJECTED -> rejected;
                case HS_CLASSIFICATIONS -> hsClassifications;
                case WATCHLIST -> watchlist;
                case RULES -> rules;
                case ENRICHED -> enriched;
                case FLOWS_WINDOWED -> flowsWindowed;
                case ALERTS -> alerts;
                case RISK -> risk;
                case DISPOSITIONS -> dispositions;
            };
        }

        /** The app's own topic of flow events, named after its application id as Kafka Streams names internal topics. */
        public static String flowEventsOf(String applicationId) {
            return applicationId + "-" + FLOW_EVENTS;
        }

        public static Topics defaults(String applicationId) {
            return of(TopicNames.defaults(), applicationId);
        }

        /**
         * The topics of {@code names}; the flow events, the app's own, are named after the application id as Kafka
         * Streams names its internal topics.
         */
        public static Topics of(TopicNames names, String applicationId) {
            return new Topics(names.declarations(), names.rejected(), names.hsClassifications(), names.watchlist(), names.rules(), names.enriched(),
                    flowEventsOf(applicationId), names.flowsWindowed(), names.alerts(), names.risk(), names.dispositions());
        }

        /** Every name prefixed, the flow events too, for tests that share a broker. */
        public static Topics prefixed(String prefix) {
            TopicNames names = new TopicNames(prefix);
            return new Topics(names.declarations(), names.rejected(), names.hsClassifications(), names.watchlist(), names.rules(), names.enriched(),
                    prefix + FLOW_EVENTS, names.flowsWindowed(), names.alerts(), names.risk(), names.dispositions());
        }
    }

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(classificationMode, "classification mode");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(dimensions, "flow dimensions");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(contributions, "contribution format");
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("input partitions must be at least 1, was " + inputPartitions);
        }
        serdeConfigs = Map.copyOf(serdeConfigs);
        if (!serdeConfigs.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("serde configuration lacks schema.registry.url");
        }
    }

    /** Customs Sentinel's whole job ({@link TopologyJob#FULL}). */
    public TopologySettings(Topics topics, ClassificationMode classificationMode, WindowSettings windows, FlowDimensions dimensions,
                            RuleSettings rules, int inputPartitions, Map<String, Object> serdeConfigs) {
        this(topics, classificationMode, windows, dimensions, rules, inputPartitions, serdeConfigs, TopologyJob.FULL, ContributionFormat.SUMMED);
    }

    /** With the standard flow dimensions: dispatch, destination, HS-6. */
    public TopologySettings(Topics topics, ClassificationMode classificationMode, WindowSettings windows, RuleSettings rules,
                            int inputPartitions, Map<String, Object> serdeConfigs) {
        this(topics, classificationMode, windows, FlowDimensions.standard(), rules, inputPartitions, serdeConfigs);
    }

    /** Default topics, weekly windows, standard flows, default rules, one input partition. */
    public static TopologySettings defaults(ClassificationMode mode, Map<String, Object> serdeConfigs) {
        return new TopologySettings(Topics.defaults("customs-sentinel"), mode, WindowSettings.weekly(), RuleSettings.defaults(), 1, serdeConfigs);
    }

    public TopologySettings withInputPartitions(int partitions) {
        return new TopologySettings(topics, classificationMode, windows, dimensions, rules, partitions, serdeConfigs, job, contributions);
    }

    public TopologySettings withJob(TopologyJob other) {
        return new TopologySettings(topics, classificationMode, windows, dimensions, rules, inputPartitions, serdeConfigs, other, contributions);
    }

    public TopologySettings withContributions(ContributionFormat format) {
        return new TopologySettings(topics, classificationMode, windows, dimensions, rules, inputPartitions, serdeConfigs, job, format);
    }
}
