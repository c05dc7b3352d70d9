package org.customssentinel.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.customssentinel.localstack.LogTail;
import org.customssentinel.localstack.registry.RegistrySettings;

/**
 * One {@code bin/sentinel} command as users run it: the built jar in a JVM of its own, its output in a log file. It
 * can be killed for real ({@link #kill()} is SIGKILL) or stopped as Ctrl-C stops it ({@link #stop}, SIGTERM).
 */
final class SentinelProcess implements AutoCloseable {

    /**
     * For the suite's short-lived JVMs (each command, each Kafka node) on two cores: the C1 compiler only. C2 spent a
     * core for most of a run compiling, and these processes live a minute or two.
     */
    static final List<String> TEST_JVM_OPTIONS = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Path log;
    /** Where this process's output starts in the log, which earlier runs of the same instance share. */
    private final long logStart;
    private final Process process;

    private SentinelProcess(String name, Path log, long logStart, Process process) {
        this.name = name;
        this.log = log;
        this.logStart = logStart;
        this.process = process;
    }

    /** Starts {@code sentinel ARGS...}, its output appended to {@code log}. */
    static SentinelProcess start(String name, Path log, List<String> jvmOptions, List<String> args) throws IOException {
        return start(name, log, jvmOptions, List.of(), args);
    }

    /**
     * As {@link #start(String, Path, List, List)}, with {@code firstOnClassPath} ahead of the jar: classes there win over
     * the jar's own (how a test runs the app "built" with another version of the contract).
     */
    static SentinelProcess start(String name, Path log, List<String> jvmOptions, List<Path> firstOnClassPath, List<String> args)
            throws IOException {
        return start(SentinelBuild.current(), name, log, jvmOptions, firstOnClassPath, args);
    }

    /** As {@link #start(String, Path, List, List)}, the command of {@code build} (an earlier release, say). */
    static SentinelProcess start(SentinelBuild build, String name, Path log, List<String> args) throws IOException {
        return start(build, name, log, List.of(), List.of(), args);
    }

    private static SentinelProcess start(SentinelBuild build, String name, Path log, List<String> jvmOptions, List<Path> firstOnClassPath,
                                         List<String> args) throws IOException {
        Path jar = build.jar();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(TEST_JVM_OPTIONS);
        command.add("-D" + RegistrySettings.HOME_PROPERTY + "=" + RegistrySettings.homeFromSystemProperty());
        command.addAll(jvmOptions);
        if (firstOnClassPath.isEmpty()) {
            command.add("-jar");
            command.add(jar.toString());
        } else {
            List<String> classPath = new ArrayList<>();
            firstOnClassPath.forEach(p -> classPath.add(p.toString()));
            // A jar on -cp has its manifest Class-Path honoured too, so lib/ comes along.
            classPath.add(jar.toString());
            command.add("-cp");
            command.add(String.join(java.io.File.pathSeparator, classPath));
            command.add("org.customssentinel.cli.Sentinel");
        }
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "$ sentinel (" + build.name() + ") " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        long logStart = Files.size(log);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new SentinelProcess(name, log, logStart, process);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group, as when the machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM, as Ctrl-C: the command closes cleanly; fails if it takes longer than {@code limit}. */
    int stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not stop within " + limit + " of SIGTERM; " + tail());
        }
        return process.exitValue();
    }

    /** Waits for the command to end by itself; its exit code. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + limit + "; " + tail());
        }
        return process.exitValue();
    }

    /** Waits until a line of the output matches {@code pattern}, failing if the command ends first. */
    void awaitOutput(Pattern pattern, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (output().lines().noneMatch(line -> pattern.matcher(line).find())) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit code " + process.exitValue() + ") before printing /" + pattern + "/; "
                        + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " printed no /" + pattern + "/ within " + limit + "; " + tail());
            }
            Thread.sleep(200);
        }
    }

    /** What this process has printed so far. */
    String output() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart), StandardCharsets.UTF_8);
    }

    /** The end of the log, for a failure message. */
    String tail() {
        return "the end of " + log + ":\n" + LogTail.of(log, 30);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
