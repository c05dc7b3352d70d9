package org.customssentinel.streams.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.customssentinel.streams.topology.TopologySettings;

/**
 * How the streams app runs.
 *
 * @param applicationId      Kafka Streams application id (consumer group, state and internal topic prefix)
 * @param clientConfigs      Kafka client and registry properties; any Kafka Streams property given here wins
 * @param processingGuarantee exactly_once_v2 (default) or at_least_once
 * @param topology           the topology's topics, classification mode and serde configuration
 * @param partitions         partitions of topics the app creates when absent
 * @param replicationFactor  replication factor of topics the app creates when absent
 * @param stateDir           where local state lives
 * @param timeout            how long to wait for Kafka at start
 */
public record StreamsSettings(String applicationId, Map<String, Object> clientConfigs, String processingGuarantee,
                              TopologySettings topology, int partitions, short replicationFactor, Path stateDir,
                              Duration timeout) {

    public static final String DEFAULT_APPLICATION_ID = "customs-sentinel";

    /** With one more client property (it wins over an earlier one of the same name). */
    public StreamsSettings withClientConfig(String key, Object value) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(key, value);
        return new StreamsSettings(applicationId, configs, processingGuarantee, topology, partitions, replicationFactor, stateDir, timeout);
    }

    public StreamsSettings withClientConfigs(Map<String, Object> newClientConfigs) {
        return new StreamsSettings(applicationId, newClientConfigs, processingGuarantee, topology, partitions, replicationFactor, stateDir, timeout);
    }

    public StreamsSettings withTopology(TopologySettings newTopology) {
        return new StreamsSettings(applicationId, clientConfigs, processingGuarantee, newTopology, partitions, replicationFactor, stateDir, timeout);
    }

    public StreamsSettings {
        Objects.requireNonNull(applicationId, "application id");
        clientConfigs = Map.copyOf(clientConfigs);
        processingGuarantee = processingGuarantee.toLowerCase(Locale.ROOT);
        if (!processingGuarantee.equals("exactly_once_v2") && !processingGuarantee.equals("at_least_once")) {
            throw new IllegalArgumentException("processing.guarantee must be exactly_once_v2 or at_least_once, was '"
                    + processingGuarantee + "'");
        }
    }
}
