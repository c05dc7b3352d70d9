package org.customssentinel.producer.read;

import static org.customssentinel.producer.Drafts.HEADER;
import static org.customssentinel.producer.Drafts.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.customssentinel.producer.Drafts;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDeclarationReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldGroupAdjacentRowsOfOneDeclarationWithTheirLines() throws IOException {
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, row("D1", 1, "854231", "10"), row("D1", 2, "854232", "20"),
                row("D2", 1, "854231", "30"));
        assertEquals(2, drafts.size());
        assertEquals(2, drafts.get(0).items().size());
        assertEquals(new SourcePosition("test.csv", 2, 3), drafts.get(0).position());
        assertEquals(List.of(2L, 3L), drafts.get(0).items().stream().map(ItemDraft::line).toList());
        assertEquals(row("D1", 1, "854231", "10") + "\n" + row("D1", 2, "854232", "20"), drafts.get(0).rawText());
        assertEquals(new SourcePosition("test.csv", 4, 4), drafts.get(1).position());
    }

    @Test
    void shouldStartANewDeclarationWhenAnIdComesBackAfterAnother() throws IOException {
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, row("D1", 1, "854231", "10"), row("D2", 1, "854231", "10"),
                row("D1", 2, "854231", "10"));
        assertEquals(List.of("D1", "D2", "D1"), drafts.stream().map(d -> d.get(Columns.DECLARATION_ID)).toList());
    }

    @Test
    void shouldRejectAMalformedQuoteAndReadOnFromTheNextLine() throws IOException {
        String broken = row("D2", 1, "854231", "10").replace("Shenzhen Huaxin", "\"Shenzhen\" Huaxin");
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, row("D1", 1, "854231", "10"), broken, row("D3", 1, "854231", "10"));
        assertEquals(3, drafts.size());
        DeclarationDraft rejected = drafts.get(1);
        assertEquals(ReasonCode.MALFORMED_CSV, rejected.readProblems().get(0).code());
        assertTrue(rejected.readProblems().get(0).message().startsWith("line 3: column 5"), rejected.readProblems().get(0).message());
        assertEquals(broken, rejected.rawText());
        assertEquals("D3", drafts.get(2).get(Columns.DECLARATION_ID));
    }

    @Test
    void shouldRejectOnlyTheLineOfAnUnclosedQuote() throws IOException {
        String unclosed = row("D2", 1, "854231", "10").replace("Processors", "\"Processors");
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, unclosed, row("D3", 1, "854231", "10"), row("D4", 1, "854231", "10"));
        assertEquals(List.of(ReasonCode.MALFORMED_CSV), drafts.get(0).readProblems().stream().map(v -> v.code()).toList());
        assertEquals(new SourcePosition("test.csv", 2, 2), drafts.get(0).position());
        assertEquals(List.of("D3", "D4"), drafts.subList(1, 3).stream().map(d -> d.get(Columns.DECLARATION_ID)).toList());
    }

    @Test
    void shouldKeepQuotedCommasQuotesAndLineBreaksInAField() throws IOException {
        String quoted = row("D1", 1, "854231", "10").replace("Processors", "\"Processors, \"\"ARM\"\"\nrev. B\"");
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, quoted, row("D2", 1, "854231", "10"));
        assertEquals("Processors, \"ARM\"\nrev. B", drafts.get(0).items().get(0).get(Columns.DESCRIPTION));
        assertEquals(new SourcePosition("test.csv", 2, 3), drafts.get(0).position());
        assertEquals(new SourcePosition("test.csv", 4, 4), drafts.get(1).position());
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfColumns() throws IOException {
        List<DeclarationDraft> drafts = Drafts.readCsv(HEADER, row("D1", 1, "854231", "10") + ",extra");
        assertTrue(drafts.get(0).readProblems().get(0).message().contains("23 columns where the header has 22"),
                drafts.get(0).readProblems().get(0).message());
    }

    @Test
    void shouldNameMissingRequiredColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Drafts.readCsv(HEADER.replace(",hs_code", ""), "x"));
        assertTrue(e.getMessage().contains("lacks required columns hs_code"), e.getMessage());
    }

    @Test
    void shouldReadGzipFilesTransparently() throws IOException {
        Path file = dir.resolve("declarations.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writer.write(HEADER + "\n" + row("D1", 1, "854231", "10") + "\n");
        }
        List<DeclarationDraft> drafts = Drafts.readAll(SourceFiles.open(file));
        assertEquals(1, drafts.size());
        assertEquals(file.toString(), drafts.get(0).position().source());
    }
}
