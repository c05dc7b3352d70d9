package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sentinel --help} lists each command with its header: one whole sentence on the command's own line, never
 * cut mid-sentence or wrapped (the help is 80 columns wide when not on a terminal).
 */
class CommandHelpTest {

    @Test
    void shouldListEveryCommandWithOneWholeSentenceOnItsLine() {
        CommandLine sentinel = Sentinel.commandLine();
        String usage = sentinel.getUsageMessage(CommandLine.Help.Ansi.OFF);
        sentinel.getSubcommands().forEach((name, command) -> {
            // Hidden commands are not listed.
            if (name.equals("help") || command.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            String[] header = command.getCommandSpec().usageMessage().header();
            assertEquals(1, header.length, name + ": one header line");
            assertTrue(header[0].endsWith("."), name + ": a whole sentence, was '" + header[0] + "'");
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(name) + " +" + Pattern.quote(header[0]) + "$").matcher(usage).find(),
                    name + ": its header whole on its line:\n" + usage);
        });
    }

    @Test
    void shouldListOnlyWhatUsersRun() {
        // The benchmark is bin/sentinel-bench, module bench: a developers' tool, as Kafka keeps its perf tools apart.
        assertTrue(Sentinel.commandLine().getSubcommands().keySet().stream().noneMatch(name -> name.startsWith("bench")),
                Sentinel.commandLine().getSubcommands().keySet().toString());
    }
}
