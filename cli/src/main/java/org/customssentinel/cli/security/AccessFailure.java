package org.customssentinel.cli.security;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * A refused login or a missing right, said in one line that names what failed and for whom, e.g. {@code not authorized
 * to read topic customs.declarations as sentinel-reader}: what an operator needs to fix an ACL or a client file,
 * where Kafka's own message says "Authorization failed" or shows a SASL handshake.
 */
public final class AccessFailure {

    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private AccessFailure() {
    }

    /** The user a client file logs in as: the {@code username} of its {@code sasl.jaas.config}, if any. */
    public static Optional<String> userOf(Object jaasConfig) {
        if (jaasConfig == null) {
            return Optional.empty();
        }
        Matcher matcher = USERNAME.matcher(String.valueOf(jaasConfig));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * One line for {@code failure} when a login or a right is what failed, else empty. {@code operation} is what the
     * command does with topics ("read", "write"): Kafka's authorization errors carry neither operation nor stack.
     */
    public static Optional<String> describe(Throwable failure, Optional<String> user, String operation) {
        String who = user.map(name -> " as " + name).orElse(" (no SASL user configured)");
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SaslAuthenticationException) {
                return Optional.of("Kafka refused the login" + who + ": wrong password or unknown user"
                        + " (check sasl.jaas.config in the --config file)");
            }
            if (e instanceof SslAuthenticationException) {
                return Optional.of("TLS handshake with Kafka failed" + who + ": " + tlsReason(e)
                        + " (check ssl.truststore.location in the --config file)");
            }
            if (e instanceof TopicAuthorizationException topics) {
                return Optional.of("not authorized to " + operation(failure, operation) + " " + topics(failure, topics.unauthorizedTopics())
                        + who);
            }
            if (e instanceof GroupAuthorizationException group) {
                return Optional.of("not authorized to use consumer group" + (group.groupId() == null ? "" : " " + group.groupId()) + who);
            }
            if (e instanceof TransactionalIdAuthorizationException) {
                return Optional.of("not authorized to use transactional ids (exactly-once writes)" + who);
            }
            if (e instanceof ClusterAuthorizationException) {
                Matcher needs = e.getMessage() == null ? null : Pattern.compile("needs (\\w+) permission").matcher(e.getMessage());
                return Optional.of("not authorized for this cluster action" + (needs != null && needs.find()
                        ? " (it needs " + needs.group(1) + " on the cluster)" : "") + who);
            }
            if (e instanceof AuthorizationException) {
                return Optional.of("not authorized: " + firstLine(e.getMessage()) + who);
            }
        }
        return Optional.empty();
    }

    private static String operation(Throwable failure, String operation) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().contains("create topic")) {
                return "create";
            }
        }
        return operation;
    }

    private static final Pattern NAMED_TOPIC = Pattern.compile("topic ([\\w.-]+)");

    private static String topics(Throwable failure, Set<String> names) {
        if (names != null && !names.isEmpty()) {
            return plural("topic", names);
        }
        // Refused creations carry no topic names; the provisioner's message does.
        for (Throwable e = failure; e != null; e = e.getCause()) {
            Matcher matcher = e.getMessage() == null ? null : NAMED_TOPIC.matcher(e.getMessage());
            if (matcher != null && matcher.find()) {
                return "topic " + matcher.group(1);
            }
        }
        return "a topic";
    }

    private static String plural(String noun, Set<String> names) {
        return noun + (names.size() == 1 ? " " : "s ") + String.join(", ", new java.util.TreeSet<>(names));
    }

    private static String tlsReason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("PKIX") || message.contains("unable to find valid certification path"))) {
                return "the broker's certificate is not signed by a trusted CA";
            }
            if (message != null && message.contains("No subject alternative")) {
                return "the broker's certificate does not name the host connected to";
            }
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
