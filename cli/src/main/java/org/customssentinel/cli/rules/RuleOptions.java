package org.customssentinel.cli.rules;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.cli.ClientSettings;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.reference.RulesTopic;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.topology.TopologyProperties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the {@code rules} commands share: where Kafka is, which pipeline's rules topic, and the app's starting point
 * ({@code rules.*} of the {@code --config} file the streams app runs with).
 */
public final class RuleOptions {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicPrefixOption prefix;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for Kafka and the registry before giving up, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private ClientSettings settings;

    private ClientSettings settings() {
        if (settings == null) {
            settings = connection.settings();
        }
        return settings;
    }

    /** The {@code rules.*} keys of the {@code --config} file: the streams app's starting point. */
    Map<String, String> configured() {
        Map<String, String> rules = new TreeMap<>();
        settings().clientProperties().forEach((key, value) -> {
            if (key.startsWith(RuleProperties.PREFIX)) {
                rules.put(key, value.trim());
            }
        });
        return rules;
    }

    /** The settings the app starts from: the defaults with {@link #configured()} applied. */
    RuleSettings starting() {
        try {
            return RuleProperties.apply(RuleSettings.defaults(), configured());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--config: invalid setting: " + e.getMessage());
        }
    }

    TopicNames names() {
        return prefix.names();
    }

    RulesTopic topic() {
        Map<String, Object> clients = new HashMap<>(settings().kafkaConfigs());
        clients.keySet().removeIf(TopologyProperties::isTopologyKey);
        TopicNames names = names();
        return new RulesTopic(new PublishConfig(clients, names.declarations(), names.rejected(), 1,
                PublishConfig.BROKER_DEFAULT_REPLICATION, timeout), names.rules());
    }
}
