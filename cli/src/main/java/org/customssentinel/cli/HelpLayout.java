package org.customssentinel.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * {@code --help} at 80 columns with lines broken only at spaces. Picocli also breaks at punctuation, which cut keys and
 * addresses in two ({@code rules.surge.} / {@code reference=...}, {@code http://127.0.0.1:} / {@code 8081}): here it
 * renders each section unwrapped and this wraps it, an option's or a command's description continuing under its start.
 */
public final class HelpLayout {

    public static final int WIDTH = 80;
    /** Wide enough that picocli wraps nothing itself. */
    private static final int UNWRAPPED = 10_000;
    /** Up to the first run of two or more spaces after the text starts: where a description column begins. */
    private static final Pattern COLUMN = Pattern.compile("^(\\s*\\S.*?\\s{2,})\\S");
    /** A list item ({@code 1. }, {@code - }): it continues under its text, not under its marker. */
    private static final Pattern ITEM = Pattern.compile("^(\\s*(?:\\d+\\.|[-*])\\s+)\\S");

    private HelpLayout() {
    }

    /** {@code commandLine} and every subcommand laid out so; returns it. */
    public static CommandLine apply(CommandLine commandLine) {
        commandLine.setUsageHelpAutoWidth(false).setUsageHelpWidth(UNWRAPPED);
        Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        // The synopsis follows its heading on the same line, and continues under its first option.
        String heading = commandLine.getCommandSpec().usageMessage().synopsisHeading();
        String lead = " ".repeat(heading.length());
        int options = heading.length() + commandLine.getCommandSpec().qualifiedName().length() + 1;
        sections.replaceAll((key, renderer) -> switch (key) {
            case CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS ->
                    help -> wrap(lead + renderer.render(help), options).substring(lead.length());
            case CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER ->
                    help -> wrap(reflow(renderer.render(help)), -1);
            default -> help -> wrap(renderer.render(help), -1);
        });
        commandLine.getSubcommands().values().forEach(HelpLayout::apply);
        return commandLine;
    }

    /** {@code text} wrapped at {@link #WIDTH}; {@code hangingIndent} where continuations start, or -1 to find it per line. */
    static String wrap(String text, int hangingIndent) {
        String[] lines = text.split("\n", -1);
        // An option whose name outgrows its column has its description right after it: it continues in the column the
        // other options' descriptions use.
        Map<Integer, Integer> columns = new HashMap<>();
        for (String line : lines) {
            Matcher column = COLUMN.matcher(line);
            if (column.find()) {
                columns.merge(column.end(1), 1, Integer::sum);
            }
        }
        int common = columns.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            int indent = hangingIndent;
            if (indent < 0) {
                Matcher column = COLUMN.matcher(lines[i]);
                Matcher item = ITEM.matcher(lines[i]);
                indent = column.find() ? column.end(1) : item.find() ? item.end(1)
                        : common > 0 && lines[i].stripLeading().startsWith("-") ? common : leadingSpaces(lines[i]);
            }
            out.append(wrapLine(lines[i], indent));
        }
        return out.toString();
    }

    /**
     * Prose written as several lines joined into paragraphs, so they wrap evenly: a line that starts at the margin
     * continues the one before when that one did too. Indented lines (examples, lists) and blank lines stay as they are.
     */
    static String reflow(String text) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String line : text.split("\n", -1)) {
            boolean prose = !line.isBlank() && !line.startsWith(" ");
            boolean continues = prose && !previous.isBlank() && !previous.startsWith(" ") && !previous.endsWith(":");
            if (continues) {
                out.append(' ').append(line);
            } else {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
            }
            previous = line;
        }
        return out.toString();
    }

    private static String wrapLine(String line, int hangingIndent) {
        if (line.length() <= WIDTH) {
            return line;
        }
        int indent = hangingIndent;
        if (indent > WIDTH / 2) {
            indent = leadingSpaces(line) + 4;
        }
        List<String> out = new ArrayList<>();
        String rest = line;
        int room = WIDTH;
        String prefix = "";
        while (prefix.length() + rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', room);
            // Never inside the indentation or the first word: a word longer than the room stays whole.
            int floor = out.isEmpty() ? indent : 0;
            if (cut <= floor) {
                cut = rest.indexOf(' ', Math.max(room, floor + 1));
                if (cut < 0) {
                    break;
                }
            }
            out.add(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            prefix = " ".repeat(indent);
            room = WIDTH - indent;
        }
        out.add(prefix + rest);
        return String.join("\n", out);
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
