package org.customssentinel.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so it is never out of step with the build. */
public final class SentinelVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Sentinel.class.getPackage().getImplementationVersion();
        return new String[] {"Customs Sentinel " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version")};
    }
}
