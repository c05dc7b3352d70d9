package org.customssentinel.reliability.repro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One {@link StandbyEosApp} in a JVM of its own, its output appended to {@code NAME.log}; its state directory kept across restarts. */
final class AppProcess {

    private final String name;
    private final Process process;

    private AppProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** What every instance of one run shares: where Kafka is, the group, the protocol and guarantee, the topics. */
    record Settings(String bootstrap, String applicationId, String protocol, String guarantee, long processMillis, String input, String middle,
                    String output) {
    }

    static AppProcess start(Settings settings, Path work, String name) throws IOException {
        // Failsafe runs tests from a manifest-only jar; the real class path is in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path stateDir = Files.createDirectories(work.resolve("state-" + name));
        Path log = work.resolve(name + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", classPath, StandbyEosApp.class.getName(), settings.bootstrap(), settings.applicationId(), stateDir.toString(),
                settings.protocol(), settings.input(), settings.middle(), settings.output(), settings.guarantee(),
                String.valueOf(settings.processMillis()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new AppProcess(name, process);
    }

    String name() {
        return name;
    }

    /** SIGKILL: no commit, no checkpoint, no leaving the group. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die within 30 s of SIGKILL");
        }
    }

    /** SIGTERM: the app closes cleanly. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
