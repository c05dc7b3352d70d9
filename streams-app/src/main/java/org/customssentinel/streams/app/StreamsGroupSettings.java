package org.customssentinel.streams.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Under the streams rebalance protocol (KIP-1071, {@code group.protocol=streams}) the broker assigns tasks, and the
 * settings that shape the assignment are the group's, not the client's: standby replicas, session timeout and
 * heartbeat interval. The app takes them as it does under the classic protocol ({@code num.standby.replicas},
 * {@code session.timeout.ms}, {@code heartbeat.interval.ms}) and sets them on its group before joining, so one
 * configuration works under either protocol. The broker bounds them ({@code group.streams.min.session.timeout.ms},
 * 45 s by default; docs/operations.md).
 */
final class StreamsGroupSettings {

    private static final Logger log = LoggerFactory.getLogger(StreamsGroupSettings.class);

    static final String STREAMS = "streams";
    /** The client settings that become group settings, to the group configuration each becomes. */
    private static final Map<String, String> GROUP_CONFIGS = Map.of(
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "streams.num.standby.replicas",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "streams.session.timeout.ms",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "streams.heartbeat.interval.ms");

    private StreamsGroupSettings() {
    }

    static boolean usesStreamsProtocol(Map<String, Object> clientConfigs) {
        Object protocol = clientConfigs.get(StreamsConfig.GROUP_PROTOCOL_CONFIG);
        return protocol != null && STREAMS.equals(String.valueOf(protocol).trim().toLowerCase(Locale.ROOT));
    }

    /**
     * {@code clientConfigs} for the app's other clients (the alert tail, the query API's feeds): {@code streams} is a
     * group protocol of Kafka Streams only, which a plain consumer refuses.
     */
    static Map<String, Object> forPlainClients(Map<String, Object> clientConfigs) {
        if (!usesStreamsProtocol(clientConfigs)) {
            return clientConfigs;
        }
        Map<String, Object> plain = new HashMap<>(clientConfigs);
        plain.remove(StreamsConfig.GROUP_PROTOCOL_CONFIG);
        return plain;
    }

    /**
     * The client configurations without those that are the group's under the streams protocol (the streams protocol's
     * consumer refuses them), after setting them on {@code group}; unchanged under the classic protocol.
     */
    static Map<String, Object> apply(String group, Map<String, Object> clientConfigs, Duration timeout) {
        if (!usesStreamsProtocol(clientConfigs)) {
            return clientConfigs;
        }
        Map<String, Object> remaining = new HashMap<>(clientConfigs);
        List<AlterConfigOp> ops = new ArrayList<>();
        GROUP_CONFIGS.forEach((client, groupConfig) -> {
            Object value = remaining.remove(client);
            if (value != null) {
                ops.add(new AlterConfigOp(new ConfigEntry(groupConfig, String.valueOf(value).trim()), AlterConfigOp.OpType.SET));
            }
        });
        if (ops.isEmpty()) {
            return remaining;
        }
        // As TopicProvisioner: the app's client configs as they are (an admin client ignores the keys not its own).
        try (Admin admin = Admin.create(remaining)) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), ops)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Streams group {}: {}", group, ops.stream().map(op -> op.configEntry().name() + "=" + op.configEntry().value()).toList());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set the streams group's settings " + ops.stream().map(op -> op.configEntry().name()).toList()
                    + " on " + group + ": " + e.getCause().getMessage() + " (the broker bounds them: group.streams.min.session.timeout.ms,"
                    + " group.streams.min.heartbeat.interval.ms, group.streams.max.standby.replicas)", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the brokers did not answer within " + timeout + " when setting the streams group's settings", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the streams group's settings", e);
        }
        return remaining;
    }
}
