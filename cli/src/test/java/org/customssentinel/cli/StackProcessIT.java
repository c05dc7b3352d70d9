package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.customssentinel.localstack.Ports;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.junit.jupiter.api.Test;

/**
 * {@code sentinel stack} as a user runs it: the built jar in its own JVM, stopped with Ctrl-C (SIGINT), after which
 * no process of it may remain.
 */
class StackProcessIT {

    @Test
    void shouldStartPrintEndpointsAndLeaveNoProcessAfterCtrlC() throws Exception {
        int kafkaPort = Ports.findFree();
        int registryPort = Ports.findFree();
        Path jar = Path.of("target", "sentinel-cli.jar");
        assertTrue(Files.exists(jar), "the package phase builds " + jar);
        Process stack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + RegistrySettings.HOME_PROPERTY + "=" + RegistrySettings.homeFromSystemProperty(),
                "-jar", jar.toString(), "stack", "--kafka-port", String.valueOf(kafkaPort),
                "--registry-port", String.valueOf(registryPort))
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        List<ProcessHandle> tree = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                if (line.startsWith("Press Ctrl-C")) {
                    break;
                }
            }
            String printed = String.join("\n", output);
            assertTrue(printed.contains("Kafka bootstrap servers : 127.0.0.1:" + kafkaPort), printed);
            assertTrue(printed.contains("Schema registry URL     : http://127.0.0.1:" + registryPort + "/apis/ccompat/v7"), printed);
            tree.add(stack.toHandle());
            tree.addAll(stack.descendants().toList());
            assertEquals(2, tree.size(), "the stack JVM and its registry child: " + tree);

            interrupt(stack);
            assertTrue(stack.waitFor(60, TimeUnit.SECONDS), "the stack stops within a minute of Ctrl-C");
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } finally {
            stack.destroyForcibly();
        }
        // The JVM reports the signal that ended it: 128 + 2 (SIGINT) or 128 + 15 (SIGTERM).
        assertTrue(Set.of(130, 143).contains(stack.exitValue()), "exit code after Ctrl-C: " + stack.exitValue());
        assertTrue(output.contains("Stopped."), String.join("\n", output));
        for (ProcessHandle process : tree) {
            process.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(process.isAlive(), "still running: " + process.pid());
        }
    }

    /**
     * Ctrl-C sends SIGINT. A process started in the background by a non-interactive shell inherits SIGINT as
     * ignored, and so would the stack here; then SIGTERM, which the JVM handles the same way, stands in.
     */
    private static void interrupt(Process process) throws IOException, InterruptedException {
        String signal = sigintIgnored(process.pid()) ? "-TERM" : "-INT";
        new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }
}
