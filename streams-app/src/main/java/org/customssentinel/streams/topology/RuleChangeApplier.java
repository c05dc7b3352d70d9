package org.customssentinel.streams.topology;

import java.util.Optional;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.RuleChange;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.streams.detect.RulesInForce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each record of the rules topic to the rules in force, on the global thread. The topic is read as bytes and
 * decoded here: a record that does not decode, names another setting than its key, or does not validate is logged and
 * refused, and the settings in force stay; the app keeps running. On restart the topic is read again through here
 * (Kafka Streams replays a global store's topic through its processor since 3.8), so the app resumes with the same
 * settings and versions.
 */
final class RuleChangeApplier implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(RuleChangeApplier.class);

    private final RulesInForce rules;
    private final Deserializer<RuleSetting> values;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    RuleChangeApplier(RulesInForce rules, Deserializer<RuleSetting> values) {
        this.rules = rules;
        this.values = values;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(TopologyStores.RULE_SETTINGS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Optional<RecordMetadata> at = context.recordMetadata();
        String where = at.map(m -> m.topic() + " offset " + m.offset()).orElse("the rules topic");
        // The topic's offsets number the changes: every instance reading it calls the same change the same version.
        long version = at.map(m -> m.offset() + 1).orElse(rules.current().version() + 1);
        if (record.key() == null || record.value() == null) {
            log.warn("Rule change at {} refused: no {}; the settings in force stay (version {})", where,
                    record.key() == null ? "key" : "value", rules.current().version());
            return;
        }
        RuleSetting setting;
        try {
            setting = values.deserialize(at.map(RecordMetadata::topic).orElse(""), record.value());
        } catch (RuntimeException e) {
            log.warn("Rule change to {} at {} refused: it is not a RuleSetting record ({}); the settings in force stay (version {})",
                    record.key(), where, e.getMessage(), rules.current().version());
            return;
        }
        if (!record.key().equals(setting.getSetting())) {
            log.warn("Rule change at {} refused: keyed {} but changes {}; the settings in force stay (version {})", where, record.key(),
                    setting.getSetting(), rules.current().version());
            return;
        }
        RuleChange change = setting.getLatest();
        Optional<String> refused = rules.apply(version, setting.getSetting(), change.getValue());
        if (refused.isPresent()) {
            log.warn("Rule change at {} refused: {}; the settings in force stay (version {})", where, refused.get(), rules.current().version());
            return;
        }
        store.put(record.key(), record.value());
        log.info("Rules version {}: {} {} by {} at {} ({})", version, setting.getSetting(),
                change.getValue() == null ? "back to its starting value" : "= " + change.getValue(), change.getChangedBy(),
                change.getChangedAt(), change.getReason());
    }
}
