package org.customssentinel.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One Kafka action tried as one principal: allowed, or refused by the authorizer. Anything else (a timeout, a broken
 * connection) is neither and fails the test that asked.
 */
final class AccessProbe {

    enum Outcome { ALLOWED, DENIED }

    private final Map<String, Object> clients;

    /** {@code clients}: bootstrap servers and the principal's login. */
    AccessProbe(Map<String, Object> clients) {
        this.clients = Map.copyOf(clients);
    }

    Outcome write(String topic) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "access-probe".getBytes(), null)).get(20, TimeUnit.SECONDS);
            return Outcome.ALLOWED;
        } catch (Exception e) {
            return refusedOrFail(e, "write " + topic);
        }
    }

    /** Reads partition 0 without a group: only the topic's READ is in play. */
    Outcome read(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(null)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
            consumer.position(new TopicPartition(topic, 0), Duration.ofSeconds(10));
            return Outcome.ALLOWED;
        } catch (Exception e) {
            return refusedOrFail(e, "read " + topic);
        }
    }

    /** Joins {@code group} on {@code topic} (a topic the principal may read) and commits. */
    Outcome useGroup(String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
            if (consumer.assignment().isEmpty()) {
                throw new AssertionError("joined no group " + group + " within 20 s, and was not refused either");
            }
            consumer.commitSync(Duration.ofSeconds(10));
            return Outcome.ALLOWED;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            return refusedOrFail(e, "use group " + group);
        }
    }

    Outcome transactionalId(String transactionalId) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            return Outcome.ALLOWED;
        } catch (Exception e) {
            return refusedOrFail(e, "transactional id " + transactionalId);
        }
    }

    /** Creates {@code topic}; one that exists already counts as allowed only if the broker says so (not "denied"). */
    Outcome create(String topic) {
        try (Admin admin = Admin.create(clients)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
            return Outcome.ALLOWED;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return Outcome.ALLOWED;
            }
            return refusedOrFail(e, "create " + topic);
        } catch (Exception e) {
            return refusedOrFail(e, "create " + topic);
        }
    }

    Outcome delete(String topic) {
        try (Admin admin = Admin.create(clients)) {
            admin.deleteTopics(Set.of(topic)).all().get(20, TimeUnit.SECONDS);
            return Outcome.ALLOWED;
        } catch (Exception e) {
            return refusedOrFail(e, "delete " + topic);
        }
    }

    /** Grants itself everything on every topic: what only the admin may. */
    Outcome grantItselfEverything(String user) {
        AclBinding everything = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", AclOperation.ALL, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(clients)) {
            admin.createAcls(List.of(everything)).all().get(20, TimeUnit.SECONDS);
            // Taken back at once: the probe must not change what the other rows see.
            admin.deleteAcls(List.of(everything.toFilter())).all().get(20, TimeUnit.SECONDS);
            return Outcome.ALLOWED;
        } catch (Exception e) {
            return refusedOrFail(e, "create an ACL");
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> configs = new HashMap<>(clients);
        if (group != null) {
            configs.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        configs.put(ConsumerConfig.CLIENT_ID_CONFIG, "access-probe-" + UUID.randomUUID());
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaConsumer<>(configs, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Outcome refusedOrFail(Throwable e, String action) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                return Outcome.DENIED;
            }
        }
        if (e instanceof KafkaException || e instanceof ExecutionException || e instanceof java.util.concurrent.TimeoutException) {
            throw new AssertionError(action + ": neither done nor refused by the authorizer: " + e, e);
        }
        throw new AssertionError(action + ": " + e, e);
    }
}
