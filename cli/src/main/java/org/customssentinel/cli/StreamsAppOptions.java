package org.customssentinel.cli;

import java.nio.file.Path;

import org.customssentinel.streams.app.StreamsSettings;
import picocli.CommandLine.Option;

/**
 * Which streams app, and where its local state lives: {@code streams} and {@code reset} must agree on both, or a
 * reset would clear another directory than the one the app restores from.
 */
public final class StreamsAppOptions {

    @Option(names = "--application-id", defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID, paramLabel = "ID",
            description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    public String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (default: <tmp>/customs-sentinel-streams).")
    Path stateDir;

    /** The state directory of all apps on this machine; each app keeps its state under its application id. */
    public Path stateDir() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"), "customs-sentinel-streams");
    }
}
