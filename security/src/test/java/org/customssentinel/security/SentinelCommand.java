package org.customssentinel.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.customssentinel.localstack.registry.RegistrySettings;

/** {@code sentinel ARGS...} as users run it: the built jar in its own JVM, its output (stdout and stderr) in a file. */
final class SentinelCommand implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final Path output;
    private final Path errors;

    private SentinelCommand(Process process, Path output, Path errors) {
        this.process = process;
        this.output = output;
        this.errors = errors;
    }

    /**
     * Starts the command with {@code env} added to this JVM's environment; stdout goes to {@code output}, stderr (logs,
     * errors) to {@code output} + ".err".
     */
    static SentinelCommand start(Path output, Map<String, String> env, String... args) throws IOException {
        return startWithInput(output, env, null, args);
    }

    static SentinelCommand startWithInput(Path output, Map<String, String> env, String input, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("sentinel.cli.jar", "../cli/target/sentinel-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the cli module's package phase builds it");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-D" + RegistrySettings.HOME_PROPERTY + "=" + RegistrySettings.homeFromSystemProperty());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Path errors = output.resolveSibling(output.getFileName() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        return new SentinelCommand(process, output, errors);
    }

    /** Runs the command to its end (at most {@code timeoutSeconds}) and gives its exit code. */
    static Result run(Path output, Map<String, String> env, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return runWithInput(output, env, null, timeoutSeconds, args);
    }

    /** As {@link #run}, with {@code input} on the command's stdin. */
    static Result runWithInput(Path output, Map<String, String> env, String input, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        try (SentinelCommand command = startWithInput(output, env, input, args)) {
            if (!command.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("sentinel " + String.join(" ", args) + " did not end within " + timeoutSeconds + " s:\n"
                        + command.output());
            }
            return new Result(command.process.exitValue(), command.output(), command.stdout());
        }
    }

    /** stdout then stderr: everything the command printed. */
    String output() throws IOException {
        return stdout() + Files.readString(errors, StandardCharsets.UTF_8);
    }

    String stdout() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C would, and wait for the command to stop. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A finished command. */
    record Result(int exitCode, String output, String stdout) {

        /** The last line printed, stderr counted after stdout: where a failed command says why. */
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }
}
