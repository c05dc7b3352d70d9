package org.customssentinel.schemas.serde;

import java.util.Locale;

import org.apache.avro.Schema;

/** Which registry subject a topic's keys or values are registered under (Confluent's three strategies). */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one record type per topic (the default). */
    TOPIC_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one type shared across topics. */
    RECORD_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several types per topic. */
    TOPIC_RECORD_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    public abstract String subject(String topic, boolean isKey, Schema schema);

    /**
     * Accepts Confluent's class names ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}), the bare
     * class name ({@code TopicNameStrategy}) or this enum's names, so Confluent configurations work unchanged.
     */
    public static SubjectNameStrategy parse(String value) {
        String simple = value.substring(value.lastIndexOf('.') + 1).trim();
        return switch (simple.toLowerCase(Locale.ROOT).replace("_", "")) {
            case "topicnamestrategy", "topicname" -> TOPIC_NAME;
            case "recordnamestrategy", "recordname" -> RECORD_NAME;
            case "topicrecordnamestrategy", "topicrecordname" -> TOPIC_RECORD_NAME;
            default -> throw new IllegalArgumentException("unknown subject name strategy '" + value
                    + "': use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
