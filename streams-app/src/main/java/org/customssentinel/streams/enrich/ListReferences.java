package org.customssentinel.streams.enrich;

import java.util.Collection;

import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.ListReference;

/** The list entries goods matched, as alerts and flows cite them, and the one place that decides what is controlled. */
public final class ListReferences {

    private ListReferences() {
    }

    public static ListReference of(ClassificationMatch match) {
        return ListReference.newBuilder().setListId(match.getListId()).setCategory(match.getCategory()).setListVersion(match.getListVersion())
                .setBasis(match.getBasis()).build();
    }

    /** Listed goods are controlled; a candidate correlation (an HS heading that may hold controlled goods) is not. */
    public static boolean isControlled(ListReference list) {
        return list.getBasis() == ClassificationBasis.LISTED;
    }

    /** As {@link #isControlled(ListReference)}, without building the reference: the fan-out asks this of every item's matches. */
    public static boolean isControlled(ClassificationMatch match) {
        return match.getBasis() == ClassificationBasis.LISTED;
    }

    public static boolean anyControlled(Collection<ListReference> lists) {
        return lists.stream().anyMatch(ListReferences::isControlled);
    }
}
