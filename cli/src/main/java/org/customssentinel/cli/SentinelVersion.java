package org.customssentinel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine;

/**
 * The release from the jar's manifest and the commit it was built from (git.properties, written by the build), so a
 * report of a problem names exactly what ran; both are read from the build, never typed in by hand.
 */
public final class SentinelVersion implements CommandLine.IVersionProvider {

    /** Written next to this class by git-commit-id-maven-plugin; absent from a build outside a git checkout. */
    static final String BUILD_COMMIT = "git.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"Customs Sentinel " + release() + " (" + commit() + ")", "Java " + System.getProperty("java.version")};
    }

    static String release() {
        String version = Sentinel.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    /** {@code commit 0123456789 of 2026-12-07}, with {@code , uncommitted changes} when built from a changed tree. */
    static String commit() {
        Properties git = new Properties();
        try (InputStream in = SentinelVersion.class.getResourceAsStream(BUILD_COMMIT)) {
            if (in == null) {
                return "commit unknown: not built from a git checkout";
            }
            git.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_COMMIT + " from the jar: " + e.getMessage(), e);
        }
        String id = git.getProperty("git.commit.id.abbrev", "unknown");
        String time = git.getProperty("git.commit.time", "");
        boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
        return "commit " + id + (time.length() >= 10 ? " of " + time.substring(0, 10) : "") + (dirty ? ", uncommitted changes" : "");
    }
}
