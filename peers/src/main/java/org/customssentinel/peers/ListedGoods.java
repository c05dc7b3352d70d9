package org.customssentinel.peers;

import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.producer.reference.HsClassificationReader;

/**
 * Which HS codes are controlled, as the streams app's enrichment decides with the latest lists: per list, the entry
 * of its newest version with the longest prefix of the code; controlled when one of those is LISTED.
 */
final class ListedGoods implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per list id: prefix to basis, newest version only. */
    private final Map<String, Map<String, Boolean>> listedByPrefix;

    private ListedGoods(Map<String, Map<String, Boolean>> listedByPrefix) {
        this.listedByPrefix = listedByPrefix;
    }

    /** The lists shipped with the project, as `sentinel load-reference` loads them by default. */
    static ListedGoods shipped() throws IOException {
        List<HsClassification> entries = HsClassificationReader.shipped();
        Map<String, String> newest = new HashMap<>();
        for (HsClassification e : entries) {
            newest.merge(e.getListId(), e.getListVersion(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        Map<String, Map<String, Boolean>> lists = new HashMap<>();
        for (HsClassification e : entries) {
            if (e.getListVersion().equals(newest.get(e.getListId()))) {
                lists.computeIfAbsent(e.getListId(), k -> new HashMap<>()).put(e.getPrefix(), e.getBasis() == ClassificationBasis.LISTED);
            }
        }
        return new ListedGoods(lists);
    }

    boolean isControlled(String hsCode) {
        for (Map<String, Boolean> list : listedByPrefix.values()) {
            for (int length = Math.min(10, hsCode.length()); length >= 2; length--) {
                Boolean listed = list.get(hsCode.substring(0, length));
                if (listed != null) {
                    if (listed) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }
}
