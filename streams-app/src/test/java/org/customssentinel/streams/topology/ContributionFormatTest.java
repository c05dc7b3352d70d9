package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code --upgrade-from}: what a release reads, and a release this build cannot tell refused rather than guessed. */
class ContributionFormatTest {

    @Test
    void shouldSendContributionsOneByOneWhileInstancesOf09StillRun() {
        assertEquals(ContributionFormat.ONE_BY_ONE, ContributionFormat.readBy("0.9"));
        assertEquals(ContributionFormat.ONE_BY_ONE, ContributionFormat.readBy("0.9.0"));
        assertEquals(ContributionFormat.SUMMED, ContributionFormat.readBy("0.10"));
    }

    @Test
    void shouldRefuseAReleaseItDoesNotKnowNamingTheOnesItDoes() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ContributionFormat.readBy("0.8"));
        assertEquals("--upgrade-from 0.8: not a release this build upgrades from in place; give 0.9 (a rolling upgrade from 0.9.0) or leave it out",
                refused.getMessage());
    }
}
