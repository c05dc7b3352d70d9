package org.customssentinel.bench;

/**
 * One app's rate in one round: with its start (launch to last commit) and steady (from RUNNING and a warm-up share of
 * the input to the last commit; NaN when the run was too short to see one).
 */
record AppRate(double withStart, double steady) {
}
