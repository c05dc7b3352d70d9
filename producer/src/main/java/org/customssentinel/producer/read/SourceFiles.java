package org.customssentinel.producer.read;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Opens declaration files: format by extension, gzip read transparently, bytes counted for progress. */
public final class SourceFiles {

    /** The formats declarations can be read from. */
    public enum Format { CSV, JSONL }

    private SourceFiles() {
    }

    /** A reader for {@code file}, choosing the format by its extension (.csv, .jsonl, .ndjson, optionally .gz). */
    public static DeclarationReader open(Path file) throws IOException {
        return open(file, formatOf(file));
    }

    public static DeclarationReader open(Path file, Format format) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
        InputStream in = isGzip(file) ? new GZIPInputStream(counted, 64 * 1024) : counted;
        // Malformed UTF-8 becomes U+FFFD rather than aborting a multi-million-row replay.
        BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 256 * 1024);
        long size = Math.max(1, Files.size(file));
        Progress progress = () -> Math.min(1.0, counted.count() / (double) size);
        return format == Format.CSV
                ? new CsvDeclarationReader(file.toString(), text, progress)
                : new JsonlDeclarationReader(file.toString(), text, progress);
    }

    /** CSV from any reader (tests, stdin); progress is not known. */
    public static DeclarationReader csv(String source, BufferedReader in) {
        return new CsvDeclarationReader(source, in, () -> 0);
    }

    /** JSON Lines from any reader (tests, stdin); progress is not known. */
    public static DeclarationReader jsonl(String source, BufferedReader in) {
        return new JsonlDeclarationReader(source, in, () -> 0);
    }

    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Format.JSONL;
        }
        throw new IllegalArgumentException(file + ": unknown format; name it .csv or .jsonl (optionally .gz), or pass --format");
    }

    private static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** Fraction of the source consumed. */
    @FunctionalInterface
    interface Progress {
        double fraction();
    }

    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
