package org.customssentinel.producer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The record parser field by field: RFC 4180 quoting, the line ends files bring, and the errors a replay reports. */
class CsvRecordReaderTest {

    @Test
    void shouldCutUnquotedFieldsAsTheyStandKeepingEmptyOnes() throws IOException {
        assertEquals(List.of("DE-1", "", "steel bars, 12 mm", ""), fields("DE-1,,\"steel bars, 12 mm\","));
        assertEquals(List.of("a", "b"), fields("\n  \na,b"), "blank lines are no records");
    }

    @Test
    void shouldUndoDoubledQuotesOnlyInsideQuotedFields() throws IOException {
        assertEquals(List.of("a \"b\" c", "d"), fields("\"a \"\"b\"\" c\",d"));
        assertEquals(List.of("", "x"), fields("\"\",x"));
    }

    @Test
    void shouldReadWindowsLineEndsAsLineEnds() throws IOException {
        CsvRecordReader records = reader("a,\"b\"\r\nc,d\r\n");
        assertEquals(List.of("a", "b"), records.next().fields());
        assertEquals(List.of("c", "d"), records.next().fields());
        assertNull(records.next());
    }

    @Test
    void shouldJoinTheLinesOfAQuotedFieldThatSpansThem() throws IOException {
        CsvRecordReader.CsvRecord record = reader("1,\"two\nlines\",3\n4,5,6").next();
        assertEquals(List.of("1", "two\nlines", "3"), record.fields());
        assertEquals(1, record.firstLine());
        assertEquals(2, record.lastLine());
    }

    @Test
    void shouldNameTheColumnOfAQuoteInsideAnUnquotedFieldOrTextAfterAClosingQuote() throws IOException {
        CsvRecordReader.CsvRecord inside = reader("a,b\"c,d").next();
        assertTrue(inside.malformed());
        assertEquals("column 2: quote inside an unquoted field", inside.error());
        CsvRecordReader.CsvRecord after = reader("a,\"b\"c,d").next();
        assertEquals("column 2: 'c' after a closing quote", after.error());
        CsvRecordReader.CsvRecord afterLast = reader("\"b\" ").next();
        assertEquals("column 1: ' ' after a closing quote", afterLast.error());
    }

    @Test
    void shouldRejectOnlyTheFirstLineOfAQuoteNeverClosedAndReadOnFromTheNext() throws IOException {
        CsvRecordReader records = reader("a,\"open\nb,c");
        CsvRecordReader.CsvRecord rejected = records.next();
        assertTrue(rejected.malformed());
        assertEquals(1, rejected.lastLine());
        CsvRecordReader.CsvRecord next = records.next();
        assertFalse(next.malformed());
        assertEquals(List.of("b", "c"), next.fields());
        assertEquals(2, next.firstLine());
        assertNull(records.next());
    }

    private static List<String> fields(String text) throws IOException {
        CsvRecordReader.CsvRecord record = reader(text).next();
        if (record == null) {
            return List.of();
        }
        assertFalse(record.malformed(), record.error());
        return record.fields();
    }

    private static CsvRecordReader reader(String text) {
        return new CsvRecordReader(new BufferedReader(new StringReader(text)), false);
    }
}
