package org.customssentinel.streams.topology;

/**
 * How declarations' contributions go to their flow windows over the flow-events topic ({@link ContributionBatcher}).
 */
public enum ContributionFormat {
    /**
     * One record per declaration and flow, which every release reads: while instances of a release before 0.10 still
     * run beside this one in a rolling upgrade ({@code --upgrade-from}).
     */
    ONE_BY_ONE,
    /** Added up per flow window between two commits: what 0.10 and later read. */
    SUMMED;

    /**
     * What instances of {@code release} (major.minor, as {@code --version} prints it) read. Refuses a release this
     * build cannot tell, rather than guess.
     *
     * @throws IllegalArgumentException naming the releases it knows
     */
    public static ContributionFormat readBy(String release) {
        return switch (release.trim()) {
            case "0.9", "0.9.0" -> ONE_BY_ONE;
            case "0.10", "0.10.0" -> SUMMED;
            default -> throw new IllegalArgumentException("--upgrade-from " + release.trim()
                    + ": not a release this build upgrades from in place; give 0.9 (a rolling upgrade from 0.9.0) or leave it out");
        };
    }
}
