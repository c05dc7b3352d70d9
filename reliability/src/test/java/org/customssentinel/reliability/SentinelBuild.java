package org.customssentinel.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/** A build of {@code bin/sentinel}: its cli jar (with lib/ beside it) and what it is called in the test's output. */
record SentinelBuild(String name, Path jar) {

    SentinelBuild {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the cli module's package phase builds it");
        }
    }

    /** The build under test, which the Maven run has just packaged. */
    static SentinelBuild current() {
        return new SentinelBuild("this build", Path.of(System.getProperty("sentinel.cli.jar", "../cli/target/sentinel-cli.jar")));
    }
}
