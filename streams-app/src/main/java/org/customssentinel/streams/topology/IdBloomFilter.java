package org.customssentinel.streams.topology;

/**
 * Which declaration ids a partition has certainly not counted: a Bloom filter in front of the seen-declarations store.
 * Nearly every id the filter meets is new, and answering "new" from memory saves a RocksDB lookup per declaration;
 * "maybe seen" is then settled by the store, so a false positive costs a lookup, never a wrong answer.
 *
 * <p>Sized for {@code expected} ids at about 1% false positives (10 bits and 7 probes per id); past that the rate
 * rises gradually and only lookups are lost, not correctness.
 */
final class IdBloomFilter {

    private static final int BITS_PER_ID = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final long bitCount;

    IdBloomFilter(int expected) {
        long bits = Math.max(64, (long) expected * BITS_PER_ID);
        this.words = new long[(int) Math.min(Integer.MAX_VALUE - 8, (bits + 63) / 64)];
        this.bitCount = (long) words.length * 64;
    }

    void add(String id) {
        long hash = hash64(id);
        long h1 = hash;
        long h2 = (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(String id) {
        long hash = hash64(id);
        long h1 = hash;
        long h2 = (hash >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bitCount);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** FNV-1a over the characters, then MurmurHash3's finalizer: cheap, and well spread for ids that differ in a digit. */
    private static long hash64(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
