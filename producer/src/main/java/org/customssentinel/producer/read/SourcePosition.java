package org.customssentinel.producer.read;

/** Where a record was read: the source file and its first and last line (from 1). */
public record SourcePosition(String source, long firstLine, long lastLine) {

    @Override
    public String toString() {
        return source + ":" + (firstLine == lastLine ? String.valueOf(firstLine) : firstLine + "-" + lastLine);
    }
}
