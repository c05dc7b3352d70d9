package org.customssentinel.cli;

import org.customssentinel.cli.alerts.AlertsCommand;
import org.customssentinel.cli.backtest.BacktestCommand;
import org.customssentinel.cli.check.CheckCommand;
import org.customssentinel.cli.demo.DemoCommand;
import org.customssentinel.cli.generate.GenerateCommand;
import org.customssentinel.cli.http.HttpUserCommand;
import org.customssentinel.cli.produce.ProduceCommand;
import org.customssentinel.cli.reference.LoadReferenceCommand;
import org.customssentinel.cli.reset.ResetCommand;
import org.customssentinel.cli.rules.RulesCommand;
import org.customssentinel.cli.security.AclsCommand;
import org.customssentinel.cli.stack.StackCommand;
import org.customssentinel.cli.streams.StreamsCommand;
import org.customssentinel.cli.triage.DispositionsCommand;
import org.customssentinel.cli.triage.TriageCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sentinel} command: every Customs Sentinel tool behind one launcher ({@code bin/sentinel}). */
@Command(name = "sentinel",
        mixinStandardHelpOptions = true,
        versionProvider = SentinelVersion.class,
        description = {"Customs Sentinel: stream processing of customs declarations for dual-use and sanctions risk.", ""},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'sentinel COMMAND --help' for a command's options.",
                "Connection flags fall back to SENTINEL_BOOTSTRAP_SERVERS and SENTINEL_SCHEMA_REGISTRY_URL, then to the local stack."},
        subcommands = {StackCommand.class, CheckCommand.class, LoadReferenceCommand.class, ProduceCommand.class,
                GenerateCommand.class, StreamsCommand.class, RulesCommand.class, DemoCommand.class, AlertsCommand.class, TriageCommand.class, DispositionsCommand.class, HttpUserCommand.class, AclsCommand.class, BacktestCommand.class, ResetCommand.class,
                CommandLine.HelpCommand.class})
public final class Sentinel implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return HelpLayout.apply(new CommandLine(new Sentinel())
                .setExecutionExceptionHandler(new ErrorReporter()));
    }

    @Override
    public void run() {
        // No command given: show what there is, as a usage error.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }
}
