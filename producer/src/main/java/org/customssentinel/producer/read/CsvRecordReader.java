package org.customssentinel.producer.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * RFC 4180 records with their line numbers and raw text, recovering from malformed quoting.
 *
 * <p>Written here rather than taken from a CSV library because replays need what libraries do not give: the raw
 * text and line span of every record, and recovery after a stray quote, which otherwise swallows the rest of the
 * file. A malformed record that spans several physical lines rejects only its first line; parsing resumes on the next.
 */
public final class CsvRecordReader {

    /** A quoted field may span lines, but not without bound: past this a quote is taken to be stray. */
    static final int MAX_LINES_PER_RECORD = 50;

    /** One record: either its fields, or why it is malformed. */
    public record CsvRecord(long firstLine, long lastLine, String raw, List<String> fields, String error) {
        public boolean malformed() {
            return error != null;
        }
    }

    private final BufferedReader in;
    private final boolean skipComments;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private long nextLineNumber = 1;

    /**
     * @param skipComments whether lines starting with {@code #} are comments (reference files), not records
     */
    public CsvRecordReader(BufferedReader in, boolean skipComments) {
        this.in = in;
        this.skipComments = skipComments;
    }

    /** The next record, or null at the end. Blank lines are skipped. */
    public CsvRecord next() throws IOException {
        String first;
        do {
            first = readLine();
            if (first == null) {
                return null;
            }
        } while (first.isBlank() || (skipComments && first.startsWith("#")));
        long firstLine = nextLineNumber - 1;
        List<String> lines = new ArrayList<>();
        lines.add(first);
        while (true) {
            // Nearly every record is one line: no joined copy of it then.
            String text = lines.size() == 1 ? first : String.join("\n", lines);
            Parse parse = parse(text);
            if (parse.error == null && !parse.openQuote) {
                return new CsvRecord(firstLine, firstLine + lines.size() - 1, text, parse.fields, null);
            }
            if (parse.error == null && lines.size() < MAX_LINES_PER_RECORD) {
                String more = readLine();
                if (more != null) {
                    lines.add(more);
                    continue;
                }
            }
            String error = parse.error != null ? parse.error : "quoted field opened on line " + firstLine + " is never closed";
            return rejectFirstLine(firstLine, lines, error);
        }
    }

    /** Rejects the first physical line only, giving the lines read after it back to the parser. */
    private CsvRecord rejectFirstLine(long firstLine, List<String> lines, String error) {
        for (int i = lines.size() - 1; i >= 1; i--) {
            pushedBack.push(lines.get(i));
            nextLineNumber--;
        }
        return new CsvRecord(firstLine, firstLine, lines.get(0), List.of(), error);
    }

    private String readLine() throws IOException {
        String line = pushedBack.isEmpty() ? in.readLine() : pushedBack.pop();
        if (line != null) {
            nextLineNumber++;
        }
        return line;
    }

    private record Parse(List<String> fields, boolean openQuote, String error) {
    }

    /**
     * Parses the text of one record (its physical lines joined by \n; {@link BufferedReader#readLine} has taken any
     * \r off). An unquoted field is cut from the text as it stands; only a quoted one is copied, its doubled quotes
     * undone: growing a builder for every field was the largest share of `produce`'s samples.
     */
    static Parse parse(String text) {
        // Sized for the 22 declaration columns: growing the list showed up in replay profiles.
        List<String> fields = new ArrayList<>(32);
        int i = 0;
        while (true) {
            if (i < text.length() && text.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i = closingQuote(text, i + 1, field);
                if (i < 0) {
                    return new Parse(fields, true, null);
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    return new Parse(fields, false, "column " + (fields.size() + 1) + ": '" + text.charAt(i) + "' after a closing quote");
                }
                fields.add(field.toString());
            } else {
                int start = i;
                while (i < text.length() && text.charAt(i) != ',') {
                    if (text.charAt(i++) == '"') {
                        return new Parse(fields, false, "column " + (fields.size() + 1) + ": quote inside an unquoted field");
                    }
                }
                fields.add(text.substring(start, i));
            }
            if (i == text.length()) {
                return new Parse(fields, false, null);
            }
            i++;
        }
    }

    /** Copies a quoted field's text from {@code from} into {@code field}; the index after its closing quote, or -1 when it has none. */
    private static int closingQuote(String text, int from, StringBuilder field) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '"') {
                field.append(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else {
                return i + 1;
            }
        }
        return -1;
    }
}
