package org.customssentinel.producer.validate;

import java.nio.charset.StandardCharsets;

/**
 * The declaration ids seen in one run, as 64-bit fingerprints in an open-addressing table: 16 bytes per id rather
 * than the ~100 of a HashSet of strings, so a replay of tens of millions of declarations still fits in memory.
 * Two distinct ids sharing a fingerprint (about 1 in 10^11 for 10 million ids) would make the second a duplicate.
 */
public final class SeenIds {

    private static final long EMPTY = 0L;

    private long[] table = new long[1 << 16];
    private int size;

    /** Records {@code id}; false when it was seen before. */
    public boolean add(String id) {
        long fingerprint = fingerprint(id);
        if ((size + 1) * 2L > table.length) {
            grow();
        }
        return insert(table, fingerprint);
    }

    public int size() {
        return size;
    }

    private boolean insert(long[] into, long fingerprint) {
        int mask = into.length - 1;
        int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
        while (into[slot] != EMPTY) {
            if (into[slot] == fingerprint) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        into[slot] = fingerprint;
        if (into == table) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long fingerprint : old) {
            if (fingerprint != EMPTY) {
                insert(table, fingerprint);
            }
        }
    }

    /** FNV-1a over UTF-8, then a 64-bit finalizer; never 0, which marks an empty slot. */
    static long fingerprint(String id) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash == EMPTY ? 1L : hash;
    }
}
