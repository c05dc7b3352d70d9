package org.customssentinel.cli.security;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.localstack.security.SecuritySettings;
import org.customssentinel.streams.app.StreamsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The ACLs each principal of the pipeline needs, printed for an administrator or created on a cluster. */
@Command(name = "acls", mixinStandardHelpOptions = true,
        header = "Print or create the pipeline's Kafka ACLs.",
        description = {"The least rights of sentinel-producer, sentinel-streams and sentinel-reader, as `sentinel stack",
                "--secure` grants them: one line per ACL (principal, permission, operation, resource, pattern).",
                "With --apply, creates them on the cluster of --config (an admin's client file); creating an ACL",
                "that exists changes nothing. The users themselves (SCRAM credentials) are the cluster admin's:",
                "kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[password=...]' --entity-type users ..."})
public final class AclsCommand implements Callable<Integer> {

    @Option(names = "--application-id", defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID, paramLabel = "ID",
            description = "The streams app's application id: its internal topics, group and transactional ids start with it"
                    + " (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--apply", description = "Create the ACLs on the cluster (needs an admin's --config).")
    boolean apply;

    @CommandLine.Mixin
    TopicPrefixOption topicPrefix;

    @CommandLine.Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SecuritySettings principals = SentinelPrincipals.of(topicPrefix.names(), applicationId);
        List<AclBinding> acls = principals.acls().stream()
                .sorted(Comparator.comparing((AclBinding acl) -> acl.entry().principal())
                        .thenComparing(acl -> acl.pattern().resourceType().name())
                        .thenComparing(acl -> acl.pattern().name())
                        .thenComparing(acl -> acl.entry().operation().name()))
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %-10s %-17s %-16s %-44s %s%n", "PRINCIPAL", "PERMISSION", "OPERATION", "RESOURCE", "NAME", "PATTERN");
        for (AclBinding acl : acls) {
            out.printf("%-24s %-10s %-17s %-16s %-44s %s%n", acl.entry().principal(), acl.entry().permissionType(),
                    acl.entry().operation(), acl.pattern().resourceType(), acl.pattern().name(), acl.pattern().patternType());
        }
        if (apply) {
            Map<String, Object> configs = connection.settings().kafkaConfigs();
            try (Admin admin = Admin.create(configs)) {
                admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            out.printf("created %d ACLs for %s on %s%n", acls.size(), String.join(", ", principals.users()),
                    connection.settings().bootstrapServers());
        }
        out.flush();
        return 0;
    }
}
