package org.customssentinel.bench;

import org.customssentinel.cli.ErrorReporter;
import org.customssentinel.cli.HelpLayout;
import picocli.CommandLine;

/** The {@code sentinel-bench} command ({@code bin/sentinel-bench}): the benchmark, kept out of the users' command. */
public final class SentinelBench {

    private SentinelBench() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        return HelpLayout.apply(new CommandLine(new BenchCommand())
                .setExecutionExceptionHandler(new ErrorReporter()));
    }
}
