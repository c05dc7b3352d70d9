package org.customssentinel.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.customssentinel.localstack.Directories;

/**
 * The release named in {@code reliability/upgrade-from}, built from git: its sources as committed ({@code git archive},
 * so nothing of the working tree leaks in) under {@code target/upgrade-from/COMMIT}, packaged with its own Maven
 * wrapper, once; later runs reuse the jar.
 */
final class PreviousRelease {

    private static final Path FILE = Path.of("upgrade-from");

    private PreviousRelease() {
    }

    static SentinelBuild build() throws IOException, InterruptedException {
        String[] named = named();
        String tag = named[0];
        String commit = named[1];
        Path checkout = Path.of("..").toAbsolutePath().normalize();
        Path dir = Path.of("target", "upgrade-from", commit).toAbsolutePath();
        Path jar = dir.resolve("cli/target/sentinel-cli.jar");
        if (Files.isRegularFile(jar)) {
            return new SentinelBuild(tag, jar);
        }
        if (run(checkout, dir.getParent().resolve(commit + "-git.log"), 60, "git", "cat-file", "-e", commit + "^{commit}") != 0) {
            throw new AssertionError("commit " + commit + " (" + tag + ", named in " + FILE.toAbsolutePath() + ") is not in this clone: "
                    + "clone with its history (git fetch --unshallow)");
        }
        Directories.deleteTree(dir);
        Files.createDirectories(dir);
        Path sources = dir.resolve("sources.tar");
        Path log = dir.resolve("build.log");
        System.out.printf("Building %s (%s) from git for the upgrade test; log %s%n", tag, commit, log);
        long started = System.nanoTime();
        if (run(checkout, log, 120, "git", "archive", "--format=tar", "-o", sources.toString(), commit) != 0
                || run(dir, log, 120, "tar", "-xf", sources.toString()) != 0
                || run(dir, log, 900, dir.resolve("mvnw").toString(), "-B", "-q", "-DskipTests", "package", "-pl", "cli", "-am") != 0) {
            throw new AssertionError("building " + tag + " (" + commit + ") failed; see " + log);
        }
        System.out.printf("Built %s in %d s%n", tag, (System.nanoTime() - started) / 1_000_000_000L);
        return new SentinelBuild(tag, jar);
    }

    /** The tag and the commit: the first line of the file that is not a comment. */
    private static String[] named() throws IOException {
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 2 || !parts[1].matches("[0-9a-f]{40}")) {
                    throw new AssertionError(FILE.toAbsolutePath() + ": expected 'TAG COMMIT' (a 40-digit commit), was '" + trimmed + "'");
                }
                return parts;
            }
        }
        throw new AssertionError(FILE.toAbsolutePath() + " names no release");
    }

    private static int run(Path dir, Path log, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s; see " + log);
        }
        return process.exitValue();
    }
}
