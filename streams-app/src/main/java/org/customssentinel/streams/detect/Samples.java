package org.customssentinel.streams.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The example declarations an alert names: the smallest ids, not the first to arrive. Arrival order differs between
 * replays, the set does not, so every replay names the same examples.
 */
public final class Samples {

    /** How many an alert, a window or a period keeps. */
    public static final int LIMIT = 10;

    private Samples() {
    }

    /**
     * {@code samples} (sorted) with {@code id} among them if it is one of the smallest. Most ids sort after a full
     * list's last and change nothing, so the list is copied only when one goes in.
     */
    public static List<String> with(List<String> samples, String id) {
        int at = Collections.binarySearch(samples, id);
        if (at >= 0 || -at - 1 >= LIMIT) {
            return samples;
        }
        List<String> updated = new ArrayList<>(samples);
        updated.add(-at - 1, id);
        return updated.size() > LIMIT ? new ArrayList<>(updated.subList(0, LIMIT)) : updated;
    }
}
