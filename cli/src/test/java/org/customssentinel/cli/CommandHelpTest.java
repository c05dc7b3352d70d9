package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * At 80 columns no help line is longer, and none breaks inside a key, a value or an address
     * ({@code rules.surge.} / {@code reference=...}): picocli wraps at punctuation, so such texts are laid out by hand.
     */
    @Test
    void shouldReadCleanlyAtEightyColumns() {
        List<String> problems = new ArrayList<>();
        check(Sentinel.commandLine(), problems);
        assertEquals(List.of(), problems);
    }

    private static void check(CommandLine command, List<String> problems) {
        String[] lines = command.getUsageMessage(CommandLine.Help.Ansi.OFF).split("\\R");
        String name = command.getCommandSpec().qualifiedName();
        String source = sourceText(command);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > 80) {
                problems.add(name + ": longer than 80: " + lines[i]);
            }
            if (lines[i].isBlank()) {
                continue;
            }
            String[] here = lines[i].strip().split("\\s+");
            String[] next = i + 1 < lines.length ? lines[i + 1].strip().split("\\s+") : new String[0];
            // A word the text has whole, cut at the line's end: picocli breaks at punctuation (rules.surge. / reference=).
            if (next.length > 0 && !next[0].isEmpty() && source.contains(here[here.length - 1] + next[0])) {
                problems.add(name + ": '" + here[here.length - 1] + next[0] + "' broken across lines");
            }
        }
        command.getSubcommands().forEach((sub, subcommand) -> {
            if (!sub.equals("help")) {
                check(subcommand, problems);
            }
        });
    }

    /** Every text the command's help is laid out from, unwrapped. */
    private static String sourceText(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(spec.usageMessage().header()));
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        spec.options().forEach(option -> texts.addAll(List.of(option.description())));
        spec.positionalParameters().forEach(parameter -> texts.addAll(List.of(parameter.description())));
        command.getSubcommands().values().forEach(sub -> texts.addAll(List.of(sub.getCommandSpec().usageMessage().header())));
        return String.join(" ", texts);
    }
}
