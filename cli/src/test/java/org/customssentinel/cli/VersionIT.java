package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code sentinel --version} from the built jar names the release the build made and the commit it was made from: what
 * an operator pastes into a report, and what the upgrade notes (CHANGELOG.md) are looked up by.
 */
class VersionIT {

    @Test
    void shouldNameTheReleaseAndTheCommitOfTheBuild() throws Exception {
        Path jar = Path.of("target", "sentinel-cli.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar);
        String first = run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "--version")
                .lines().findFirst().orElse("");

        String release = System.getProperty("sentinel.version");
        assertTrue(first.startsWith("Customs Sentinel " + release + " (commit "), first);
        String head = run("git", "rev-parse", "--short=10", "HEAD").strip();
        assertTrue(head.matches("[0-9a-f]{10}"), "this test runs in a git checkout, as the build does: " + head);
        assertEquals("Customs Sentinel " + release + " (commit " + head + ")", first);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
