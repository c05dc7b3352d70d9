package org.customssentinel.localstack.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the local schema registry process is started.
 *
 * @param home         the unpacked Apicurio Registry distribution (holds {@code *-runner.jar})
 * @param port         HTTP port on 127.0.0.1; 0 picks a free one
 * @param startTimeout how long to wait for it to answer before giving up
 * @param logFile      where the child process writes its output
 * @param storageDir   where schemas are kept across restarts (an H2 file database); empty keeps them in memory
 */
public record RegistrySettings(Path home, int port, Duration startTimeout, Path logFile, Optional<Path> storageDir) {

    /** System property (set by the build and by {@code bin/sentinel}) naming the unpacked distribution. */
    public static final String HOME_PROPERTY = "sentinel.registry.home";

    public RegistrySettings {
        Objects.requireNonNull(home, "registry home");
        Objects.requireNonNull(startTimeout, "start timeout");
        Objects.requireNonNull(logFile, "log file");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("registry port must be between 0 and 65535, was " + port);
        }
        storageDir = storageDir == null ? Optional.empty() : storageDir;
    }

    /** Schemas in memory, gone when the registry stops: what tests and throw-away stacks want. */
    public RegistrySettings(Path home, int port, Duration startTimeout, Path logFile) {
        this(home, port, startTimeout, logFile, Optional.empty());
    }

    /** The same registry, keeping its schemas in {@code dir} so a stack started again finds them. */
    public RegistrySettings persistentIn(Path dir) {
        return new RegistrySettings(home, port, startTimeout, logFile, Optional.of(dir));
    }

    /** The distribution named by {@value #HOME_PROPERTY}, or a clear error saying how to get one. */
    public static Path homeFromSystemProperty() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set: it must name the"
                    + " unpacked Apicurio Registry (built into local-stack/target/apicurio-registry by ./mvnw package)");
        }
        return Path.of(home);
    }
}
