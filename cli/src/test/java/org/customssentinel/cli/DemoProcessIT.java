package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.customssentinel.localstack.Ports;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.junit.jupiter.api.Test;

/** {@code sentinel demo --duration} as a script runs it: the built jar, alerts printed, exit 0, nothing left running. */
class DemoProcessIT {

    private static final Pattern ALERT_LINE = Pattern.compile("^(LOW|MEDIUM|HIGH|CRITICAL)\\s+(SPIKE|SURGE|NEW_CONTROLLED_FLOW|WATCHLIST_HIT)\\s+"
            + "(PROVISIONAL|FINAL)\\s+\\S.*");

    @Test
    void shouldReplayPrintAlertsAndStopByItselfAfterTheDuration() throws Exception {
        Path jar = Path.of("target", "sentinel-cli.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar);
        Path log = Files.createDirectories(Path.of("target", "demo-it")).resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + RegistrySettings.HOME_PROPERTY + "=" + RegistrySettings.homeFromSystemProperty(),
                "-jar", jar.toString(), "demo", "--duration", "75s", "--speed", "4000000x", "--scale", "0.25",
                "--kafka-port", String.valueOf(Ports.findFree()), "--registry-port", String.valueOf(Ports.findFree()), "--http-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<ProcessHandle> tree;
        try {
            Thread.sleep(20_000);
            tree = demo.descendants().toList();
            assertTrue(demo.waitFor(3, TimeUnit.MINUTES), "the demo stops by itself after --duration");
        } finally {
            demo.destroyForcibly();
        }
        List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
        String printed = String.join("\n", output);
        assertEquals(0, demo.exitValue(), printed);
        assertTrue(output.stream().anyMatch(line -> line.startsWith("Dashboard: http://127.0.0.1:")), printed);
        assertTrue(output.stream().anyMatch(line -> ALERT_LINE.matcher(line).matches()), "at least one alert line:\n" + printed);
        assertTrue(output.contains("Stopped."), printed);
        assertFalse(tree.isEmpty(), "the registry ran as a child process");
        for (ProcessHandle child : tree) {
            child.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "still running: " + child.pid());
        }
    }
}
