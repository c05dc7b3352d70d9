package org.customssentinel.localstack.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.customssentinel.localstack.security.SecuritySettings;

/**
 * How a {@link LocalCluster} is laid out and looked after.
 *
 * @param nodes        number of combined broker+controller nodes, 1 to 9
 * @param clientPort   client port of node 0 on 127.0.0.1 (node i gets {@code clientPort + i}); 0 picks free ports
 * @param home         where every node keeps its properties, data and log; a cluster started again on it resumes
 * @param restartDelay when present, a node that dies without being asked to stop is restarted after this delay
 * @param startTimeout how long one node may take to serve clients
 * @param jvmOptions   options of each node's JVM
 * @param security     when present, clients must use SASL_SSL (SCRAM) and hold ACLs: see {@code ClusterSecurity}
 */
public record ClusterSettings(int nodes, int clientPort, Path home, Optional<Duration> restartDelay,
                              Duration startTimeout, List<String> jvmOptions, Optional<SecuritySettings> security) {

    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC");

    public ClusterSettings {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("nodes must be between 1 and 9, was " + nodes);
        }
        if (clientPort < 0 || clientPort + nodes - 1 > 65_535) {
            throw new IllegalArgumentException("Kafka port must be between 0 and 65535, was " + clientPort);
        }
        Objects.requireNonNull(home, "home");
        restartDelay = restartDelay == null ? Optional.empty() : restartDelay;
        Objects.requireNonNull(startTimeout, "startTimeout");
        jvmOptions = List.copyOf(jvmOptions);
        security = security == null ? Optional.empty() : security;
    }

    /** A plaintext cluster. */
    public ClusterSettings(int nodes, int clientPort, Path home, Optional<Duration> restartDelay, Duration startTimeout,
                           List<String> jvmOptions) {
        this(nodes, clientPort, home, restartDelay, startTimeout, jvmOptions, Optional.empty());
    }

    /** The same cluster, secured as {@code security} says. */
    public ClusterSettings secured(SecuritySettings security) {
        return new ClusterSettings(nodes, clientPort, home, restartDelay, startTimeout, jvmOptions, Optional.of(security));
    }

    /** Free ports, no supervision: tests kill and start nodes themselves. */
    public static ClusterSettings forTests(int nodes, Path home) {
        return new ClusterSettings(nodes, 0, home, Optional.empty(), Duration.ofSeconds(90), DEFAULT_JVM_OPTIONS);
    }
}
