package org.customssentinel.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics a component reads or writes when they are absent, so any component may start first.
 * Waits at most {@code timeout} for Kafka; failures say which broker and which topic.
 *
 * <p>Records carry their event time (a declaration's lodged time, years back in a replay), so time-based retention
 * would delete a replay as soon as its segments roll: topics created here keep records without a time limit
 * ({@code retention.ms=-1}) unless their configs say otherwise; compacted topics keep their latest values anyway.
 */
public final class TopicProvisioner {

    private final Map<String, Object> clientConfigs;
    private final Duration timeout;

    public TopicProvisioner(Map<String, Object> clientConfigs, Duration timeout) {
        this.clientConfigs = Map.copyOf(clientConfigs);
        this.timeout = timeout;
    }

    /**
     * @param topics topic name to its configs (e.g. cleanup.policy=compact), for the topics to create when absent
     */
    public void ensure(Map<String, Map<String, String>> topics, int partitions, short replicationFactor) {
        Map<String, Object> adminConfigs = new HashMap<>(clientConfigs);
        int timeoutMs = (int) timeout.toMillis();
        adminConfigs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfigs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        String bootstrap = String.valueOf(clientConfigs.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        try (Admin admin = Admin.create(adminConfigs)) {
            admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> absent = new ArrayList<>();
            topics.forEach((name, topicConfigs) -> {
                if (!existing.contains(name)) {
                    Map<String, String> configs = new HashMap<>(topicConfigs);
                    configs.putIfAbsent("retention.ms", "-1");
                    absent.add(new NewTopic(name, partitions, replicationFactor).configs(configs));
                }
            });
            for (var result : admin.createTopics(absent).values().entrySet()) {
                try {
                    result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaUnavailableException("Kafka at " + bootstrap + " refused to create topic "
                                + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitVisible(admin, topics.keySet(), System.nanoTime() + timeout.toNanos());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            // The admin client's own deadline can fire before ours: either way, Kafka did not answer in time.
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new KafkaUnavailableException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + " s", e.getCause());
            }
            throw new KafkaUnavailableException("Kafka at " + bootstrap + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while checking Kafka at " + bootstrap, e);
        }
    }

    /** How many partitions {@code topic} has. */
    public int partitions(String topic) {
        Map<String, Object> adminConfigs = new HashMap<>(clientConfigs);
        adminConfigs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(adminConfigs)) {
            return awaitVisible(admin, List.of(topic), System.nanoTime() + timeout.toNanos()).get(topic).partitions().size();
        } catch (TimeoutException | ExecutionException e) {
            throw new KafkaUnavailableException("cannot describe topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while describing topic " + topic, e);
        }
    }

    /**
     * Describes {@code topics}, retrying while a broker does not know them yet: a topic the controller has just
     * created reaches each broker's metadata a moment later, and the admin client may ask any broker
     * (seen on a three-node cluster: "This server does not host this topic-partition" right after creation).
     */
    private static Map<String, TopicDescription> awaitVisible(Admin admin, Collection<String> topics, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
            try {
                return admin.describeTopics(topics).allTopicNames().get(leftMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() + 100_000_000L > deadlineNanos) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Kafka could not be reached, or refused a topic. */
    public static final class KafkaUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
