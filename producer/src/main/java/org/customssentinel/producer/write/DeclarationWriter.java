package org.customssentinel.producer.write;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.read.SourceFiles;

/** Writes declarations in an input format, so generated scenarios can be replayed like any history. */
public interface DeclarationWriter extends Closeable {

    void write(Declaration declaration) throws IOException;

    /** A writer for {@code file}, format by extension (.csv or .jsonl), gzip-compressed when it ends in .gz. */
    static DeclarationWriter open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 64 * 1024);
        }
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 256 * 1024);
        return SourceFiles.formatOf(file) == SourceFiles.Format.CSV ? new CsvDeclarationWriter(writer) : new JsonlDeclarationWriter(writer);
    }
}
