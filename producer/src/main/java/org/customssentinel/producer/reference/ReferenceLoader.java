package org.customssentinel.producer.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.PublishException;
import org.customssentinel.producer.publish.RecordProducers;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicNames;

/** Publishes reference data to its compacted topics, keyed so the latest entry per list and key survives. */
public final class ReferenceLoader {

    private final PublishConfig config;
    private final String hsTopic;
    private final String watchlistTopic;
    private final Optional<String> rulesTopic;

    /**
     * To the reference topics of {@code names}. The rules topic is created too (empty until {@code rules set}): on a
     * secured cluster the producer's principal creates reference topics, and the streams app only reads them.
     */
    public ReferenceLoader(PublishConfig config, TopicNames names) {
        this(config, names.hsClassifications(), names.watchlist(), Optional.of(names.rules()));
    }

    public ReferenceLoader(PublishConfig config, String hsTopic, String watchlistTopic) {
        this(config, hsTopic, watchlistTopic, Optional.empty());
    }

    private ReferenceLoader(PublishConfig config, String hsTopic, String watchlistTopic, Optional<String> rulesTopic) {
        this.config = config;
        this.hsTopic = hsTopic;
        this.watchlistTopic = watchlistTopic;
        this.rulesTopic = rulesTopic;
    }

    /** Sends both lists (either may be empty) and waits until Kafka has them all. */
    public void load(List<HsClassification> classifications, List<WatchlistEntry> watchlist) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        topics.put(hsTopic, SentinelTopic.HS_CLASSIFICATIONS.configs());
        topics.put(watchlistTopic, SentinelTopic.WATCHLIST.configs());
        rulesTopic.ifPresent(rules -> topics.put(rules, SentinelTopic.RULES.configs()));
        Preflight.ensureTopics(config, topics, SentinelTopic.REFERENCE_PARTITIONS);
        Preflight.registerSchemas(config, Map.of(hsTopic, SentinelTopic.HS_CLASSIFICATIONS.valueSchema(),
                watchlistTopic, SentinelTopic.WATCHLIST.valueSchema()));
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback onFailure = (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        };
        try (KafkaProducer<String, SpecificRecord> producer = RecordProducers.create(config)) {
            for (HsClassification entry : classifications) {
                producer.send(new ProducerRecord<>(hsTopic, HsClassificationReader.key(entry), entry), onFailure);
            }
            for (WatchlistEntry entry : watchlist) {
                producer.send(new ProducerRecord<>(watchlistTopic, WatchlistReader.key(entry), entry), onFailure);
            }
            producer.flush();
            if (failure.get() != null) {
                throw new PublishException("Kafka did not take a reference record: " + failure.get().getMessage(), failure.get());
            }
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PublishException("loading reference data into " + config.clientConfigs().get("bootstrap.servers")
                    + " failed: " + e.getMessage(), e);
        }
    }
}
