package org.customssentinel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.localstack.registry.RegistrySettings;

/** A step of the bench in a JVM of its own, so no app shares a heap, JIT or GC with the broker or another app. */
final class ChildJvm {

    private final List<String> jvmOptions;
    private final List<String> arguments;

    private ChildJvm(List<String> jvmOptions, List<String> arguments) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
    }

    /** A {@code sentinel} command, the users' own, from the class path this bench runs with. */
    static ChildJvm sentinel(List<String> jvmOptions, List<String> commandLine) {
        return mainClass(jvmOptions, "org.customssentinel.cli.Sentinel", commandLine);
    }

    /** A {@code sentinel-bench} command (the hidden {@code bench-app}), from the class path this bench runs with. */
    static ChildJvm bench(List<String> jvmOptions, List<String> commandLine) {
        return mainClass(jvmOptions, SentinelBench.class.getName(), commandLine);
    }

    /**
     * A main class on the class path this bench runs with (Kafka's tools ship with the CLI). Run as {@code java -jar},
     * that is the bench's jar, whose manifest names the rest.
     */
    static ChildJvm mainClass(List<String> jvmOptions, String className, List<String> commandLine) {
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), className));
        args.addAll(commandLine);
        return new ChildJvm(jvmOptions, args);
    }

    static ChildJvm jar(Path jar, List<String> jvmOptions, String className, List<String> commandLine) {
        List<String> args = new ArrayList<>(List.of("-cp", jar.toString(), className));
        args.addAll(commandLine);
        return new ChildJvm(jvmOptions, args);
    }

    static Path ownJar() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs to the end; its output, or an exception with the output's tail when it fails. */
    List<String> run() throws IOException, InterruptedException {
        return start(line -> { }).await();
    }

    /** Started; {@code onLine} sees each line of its output as it comes. */
    Running start(Consumer<String> onLine) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + RegistrySettings.HOME_PROPERTY + "=" + System.getProperty(RegistrySettings.HOME_PROPERTY, ""));
        command.addAll(jvmOptions);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only warnings from the child: its INFO lines would bury the bench's.
        builder.environment().putIfAbsent("SENTINEL_LOG_LEVEL", "WARN");
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    onLine.accept(line);
                }
            } catch (IOException closed) {
                // The process ended.
            }
        }, "bench-child-output");
        reader.setDaemon(true);
        reader.start();
        return new Running(process, reader, lines, String.join(" ", arguments));
    }

    /** A child JVM running. */
    static final class Running {
        private final Process process;
        private final Thread reader;
        private final List<String> lines;
        private final String description;

        private Running(Process process, Thread reader, List<String> lines, String description) {
            this.process = process;
            this.reader = reader;
            this.lines = lines;
            this.description = description;
        }

        /** Its output once it has ended, or an exception with the output's tail when it failed. */
        List<String> await() throws InterruptedException {
            try {
                int exit = process.waitFor();
                reader.join(10_000);
                List<String> all = List.copyOf(lines);
                if (exit != 0) {
                    List<String> tail = all.subList(Math.max(0, all.size() - 40), all.size());
                    throw new IllegalStateException("benchmark step failed (exit " + exit + "): " + description + "\n" + String.join("\n", tail));
                }
                return all;
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** The number in the last line matching {@code pattern}'s group 1. */
    static double last(List<String> lines, Pattern pattern) {
        double value = lastOrNaN(lines, pattern);
        if (Double.isNaN(value)) {
            throw new IllegalStateException("no line matching " + pattern + " in:\n" + String.join("\n", lines));
        }
        return value;
    }

    /** As {@link #last}, NaN when no line matches (a figure a short run may not have). */
    static double lastOrNaN(List<String> lines, Pattern pattern) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                return Double.parseDouble(m.group(1).replace(",", ""));
            }
        }
        return Double.NaN;
    }

    /** The value of {@code bench-app NAME VALUE}. */
    static double appFigure(List<String> lines, String name) {
        return last(lines, appLine(name));
    }

    /** As {@link #appFigure}, NaN when the app did not print it. */
    static double appFigureOrNaN(List<String> lines, String name) {
        return lastOrNaN(lines, appLine(name));
    }

    private static Pattern appLine(String name) {
        return Pattern.compile("^bench-app " + Pattern.quote(name) + " ([-\\d.]+)$");
    }
}
