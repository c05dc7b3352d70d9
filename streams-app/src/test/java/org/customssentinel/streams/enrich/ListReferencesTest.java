package org.customssentinel.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.ListReference;
import org.junit.jupiter.api.Test;

class ListReferencesTest {

    private static ClassificationMatch match(String list, String category, ClassificationBasis basis) {
        return ClassificationMatch.newBuilder().setPrefix("854231").setListId(list).setCategory(category).setDescription("chips")
                .setListVersion("2024-02-23").setBasis(basis).build();
    }

    @Test
    void shouldCarryTheEntrysBasisSoThatOnlyListedGoodsAreControlled() {
        ListReference listed = ListReferences.of(match("CHPL", "Tier 1", ClassificationBasis.LISTED));
        ListReference candidate = ListReferences.of(match("EU-2021/821-ANNEX-I", "3A001 (candidate)", ClassificationBasis.CANDIDATE));
        assertEquals(ClassificationBasis.CANDIDATE, candidate.getBasis());
        assertEquals("2024-02-23", listed.getListVersion());
        assertTrue(ListReferences.isControlled(listed));
        assertFalse(ListReferences.isControlled(candidate));
        assertFalse(ListReferences.anyControlled(List.of(candidate)));
        assertTrue(ListReferences.anyControlled(List.of(candidate, listed)));
    }

    @Test
    void shouldDecideByBasisNotByTheCategorysWording() {
        // A listed entry whose category happens to say "candidate" is still listed; the basis decides, once.
        assertTrue(ListReferences.isControlled(match("NATIONAL", "candidate-free tier", ClassificationBasis.LISTED)));
        assertFalse(ListReferences.isControlled(match("EU-2021/821-ANNEX-I", "3A001", ClassificationBasis.CANDIDATE)));
    }
}
