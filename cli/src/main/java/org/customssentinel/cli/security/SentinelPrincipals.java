package org.customssentinel.cli.security;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.customssentinel.localstack.security.SecuritySettings;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * The pipeline's principals and the least each needs, as Kafka ACLs: what {@code sentinel stack --secure} grants,
 * and what docs/security.md tells an administrator to grant on a real cluster.
 * <ul>
 * <li>{@code sentinel-producer}: writes (and creates) the declarations, the rejections and the reference topics; reads
 * the rules topic, whose history {@code rules set} carries forward.</li>
 * <li>{@code sentinel-streams}: reads the inputs and reference topics, writes its outputs and ops' verdicts (its query
 * API takes them), and owns everything under its application id (internal topics, the group, transactional ids).</li>
 * <li>{@code sentinel-reader}: ops teams and dashboards, reads the alerts, the windowed flows and the verdicts (to
 * export them as labels), with groups under {@code sentinel-reader}.</li>
 * </ul>
 */
public final class SentinelPrincipals {

    public static final String PRODUCER = "sentinel-producer";
    public static final String STREAMS = "sentinel-streams";
    public static final String READER = "sentinel-reader";
    /** Consumer groups of the reader start with this: {@code sentinel alerts} names its groups so. */
    public static final String READER_GROUP_PREFIX = READER;

    private static final List<SentinelTopic> PRODUCED = List.of(SentinelTopic.DECLARATIONS, SentinelTopic.REJECTED,
            SentinelTopic.HS_CLASSIFICATIONS, SentinelTopic.WATCHLIST, SentinelTopic.RULES);
    private static final List<SentinelTopic> STREAMS_READS = List.of(SentinelTopic.DECLARATIONS, SentinelTopic.REJECTED,
            SentinelTopic.HS_CLASSIFICATIONS, SentinelTopic.WATCHLIST, SentinelTopic.RULES);
    private static final List<SentinelTopic> STREAMS_WRITES = List.of(SentinelTopic.ENRICHED, SentinelTopic.FLOWS_WINDOWED,
            SentinelTopic.ALERTS, SentinelTopic.RISK, SentinelTopic.DISPOSITIONS);
    private static final List<SentinelTopic> READER_READS = List.of(SentinelTopic.ALERTS, SentinelTopic.FLOWS_WINDOWED,
            SentinelTopic.DISPOSITIONS);

    private SentinelPrincipals() {
    }

    /** The users and ACLs of a pipeline with topics {@code names} and streams application id {@code applicationId}. */
    public static SecuritySettings of(TopicNames names, String applicationId) {
        List<AclBinding> acls = new ArrayList<>();
        for (SentinelTopic topic : PRODUCED) {
            allow(acls, PRODUCER, topic(topic.in(names)), AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE,
                    AclOperation.DESCRIBE_CONFIGS);
        }
        allow(acls, PRODUCER, topic(SentinelTopic.RULES.in(names)), AclOperation.READ);
        allow(acls, PRODUCER, cluster(), AclOperation.IDEMPOTENT_WRITE);

        for (SentinelTopic topic : STREAMS_READS) {
            allow(acls, STREAMS, topic(topic.in(names)), AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
        }
        for (SentinelTopic topic : STREAMS_WRITES) {
            allow(acls, STREAMS, topic(topic.in(names)), AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
                    AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
        }
        allow(acls, STREAMS, new ResourcePattern(ResourceType.TOPIC, applicationId, PatternType.PREFIXED), AclOperation.ALL);
        allow(acls, STREAMS, new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.PREFIXED), AclOperation.ALL);
        allow(acls, STREAMS, new ResourcePattern(ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED),
                AclOperation.ALL);
        allow(acls, STREAMS, cluster(), AclOperation.IDEMPOTENT_WRITE);

        for (SentinelTopic topic : READER_READS) {
            allow(acls, READER, topic(topic.in(names)), AclOperation.READ, AclOperation.DESCRIBE);
        }
        allow(acls, READER, new ResourcePattern(ResourceType.GROUP, READER_GROUP_PREFIX, PatternType.PREFIXED),
                AclOperation.READ, AclOperation.DESCRIBE);
        return new SecuritySettings(List.of(PRODUCER, STREAMS, READER), acls);
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern cluster() {
        return new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
    }

    private static void allow(List<AclBinding> acls, String user, ResourcePattern resource, AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
