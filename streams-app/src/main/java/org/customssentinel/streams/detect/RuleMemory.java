package org.customssentinel.streams.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Function;

import org.customssentinel.avro.internal.FlowHistory;

/**
 * What one rule remembers of a flow between windows, typed by the rule and kept in the flow's history under the rule's
 * id: the shared record knows no rule. Each rule writes its own bytes, with a version first so it can change them.
 *
 * @param <M> the rule's memory
 */
public interface RuleMemory<M> {

    /** The id the memory is kept under: the rule's. */
    String owner();

    /** The memory of a flow the rule has not remembered anything of. */
    M empty();

    void write(M memory, DataOutput out) throws IOException;

    M read(DataInput in) throws IOException;

    /**
     * What the rule remembered of this flow: from before rules kept their own memory, the rule may still find it in
     * the history's old fields ({@link #upgrade}).
     */
    default M of(FlowHistory history) {
        ByteBuffer bytes = history.getMemory().get(owner());
        if (bytes == null) {
            return upgrade(history);
        }
        try {
            ByteBuffer copy = bytes.duplicate();
            byte[] array = new byte[copy.remaining()];
            copy.get(array);
            return read(new DataInputStream(new ByteArrayInputStream(array)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + owner() + " memory", e);
        }
    }

    /** Keeps {@code memory} as what the rule remembers of this flow. */
    default void keep(FlowHistory history, M memory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(memory, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        history.getMemory().put(owner(), ByteBuffer.wrap(bytes.toByteArray()));
    }

    /** The memory of a flow kept before rules kept their own, read from the history's old fields; by default none. */
    default M upgrade(FlowHistory history) {
        return empty();
    }

    /** Writes one memory. */
    interface Writer<M> {
        void write(M memory, DataOutput out) throws IOException;
    }

    /** Reads one memory back. */
    interface Reader<M> {
        M read(DataInput in) throws IOException;
    }

    /** A rule's memory kept under {@code owner}, {@code empty} for a flow it knows nothing of, written with a version byte. */
    static <M> RuleMemory<M> named(String owner, M empty, Writer<M> writer, Reader<M> reader) {
        return named(owner, empty, writer, reader, history -> empty);
    }

    /** As {@link #named(String, Object, Writer, Reader)}, finding what it kept before in the history's old fields. */
    static <M> RuleMemory<M> named(String owner, M empty, Writer<M> writer, Reader<M> reader, Function<FlowHistory, M> before) {
        return new RuleMemory<>() {
            @Override
            public String owner() {
                return owner;
            }

            @Override
            public M empty() {
                return empty;
            }

            @Override
            public void write(M memory, DataOutput out) throws IOException {
                out.writeByte(VERSION);
                writer.write(memory, out);
            }

            @Override
            public M read(DataInput in) throws IOException {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new IOException(owner + " memory of version " + version + ", this build reads " + VERSION);
                }
                return reader.read(in);
            }

            @Override
            public M upgrade(FlowHistory history) {
                return before.apply(history);
            }
        };
    }

    /** The layout of the memories {@link #named} writes; a rule that changes its own bumps it and reads both. */
    byte VERSION = 1;
}
