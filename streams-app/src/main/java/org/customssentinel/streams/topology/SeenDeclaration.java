package org.customssentinel.streams.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A declaration id the app has counted, as the duplicate filter stores it: a fingerprint of its content, where it was
 * read, and its event time (by which it expires).
 *
 * <p>Stored as 37 bytes behind a version byte rather than as Avro: the filter reads one for every declaration, and the
 * layout is versioned all the same, so a later one can still read today's changelog.
 *
 * @param fingerprint the declaration's {@link ContentFingerprints content fingerprint}
 */
record SeenDeclaration(byte[] fingerprint, int partition, long offset, long lodgedAtMs) {

    static final int FINGERPRINT_BYTES = ContentFingerprints.BYTES;
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + FINGERPRINT_BYTES + 4 + 8 + 8;

    SeenDeclaration {
        if (fingerprint.length != FINGERPRINT_BYTES) {
            throw new IllegalArgumentException("a fingerprint has " + FINGERPRINT_BYTES + " bytes, not " + fingerprint.length);
        }
    }

    byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put(VERSION).put(fingerprint).putInt(partition).putLong(offset).putLong(lodgedAtMs).array();
    }

    static SeenDeclaration decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION || bytes.length != LENGTH) {
            throw new IllegalStateException("seen-declarations entry of version " + version + " and " + bytes.length
                    + " bytes: written by a newer release than this one");
        }
        byte[] fingerprint = new byte[FINGERPRINT_BYTES];
        in.get(fingerprint);
        return new SeenDeclaration(fingerprint, in.getInt(), in.getLong(), in.getLong());
    }

    /** The event time of an encoded entry, without decoding the rest: the purge reads only this. */
    static long lodgedAtOf(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(LENGTH - 8);
    }

    boolean sameContentAs(byte[] otherFingerprint) {
        return Arrays.equals(fingerprint, otherFingerprint);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeenDeclaration that && Arrays.equals(fingerprint, that.fingerprint) && partition == that.partition
                && offset == that.offset && lodgedAtMs == that.lodgedAtMs;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fingerprint) + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "SeenDeclaration[partition=" + partition + ", offset=" + offset + ", lodgedAtMs=" + lodgedAtMs + "]";
    }
}
