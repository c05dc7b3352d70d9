package org.customssentinel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.jar.Manifest;

import picocli.CommandLine;

/**
 * The release and the commit the running jar was built from, both from its manifest (the build writes them), so a
 * report of a problem names exactly what ran and CHANGELOG.md's upgrade notes can be looked up by it.
 */
public final class SentinelVersion implements CommandLine.IVersionProvider {

    /** The manifest attribute the build writes the commit into (buildnumber-maven-plugin). */
    static final String REVISION = "SCM-Revision";

    @Override
    public String[] getVersion() {
        String version = Sentinel.class.getPackage().getImplementationVersion();
        return new String[] {"Customs Sentinel " + (version == null ? "(development build)" : version) + " (" + commit() + ")",
                "Java " + System.getProperty("java.version")};
    }

    /** {@code commit 0123456789}, or why it is not known. */
    private static String commit() {
        URL own = Sentinel.class.getResource(Sentinel.class.getSimpleName() + ".class");
        if (own == null || !own.getProtocol().equals("jar")) {
            return "commit unknown: not run from the built jar";
        }
        String manifest = own.toString().substring(0, own.toString().indexOf("!/") + 2) + "META-INF/MANIFEST.MF";
        try (InputStream in = new URL(manifest).openStream()) {
            String revision = new Manifest(in).getMainAttributes().getValue(REVISION);
            return revision == null || revision.isBlank() || revision.equals("unknown") ? "commit unknown: not built from a git checkout"
                    : "commit " + revision;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jar's manifest: " + e.getMessage(), e);
        }
    }
}
