package org.customssentinel.producer.generate;

/**
 * A kind of goods a flow carries: its HS code, share of the flow's value, and the physical ranges that turn a
 * value into a plausible quantity and mass.
 *
 * @param hsCode      HS-6 code
 * @param share       share of the flow's value (shares of a flow need not sum to 1: they are normalized)
 * @param description goods description as a declarant would write it
 * @param unit        supplementary unit
 * @param minUnitUsd  lowest unit price
 * @param maxUnitUsd  highest unit price; a flow trades at their geometric mean, give or take half, per consignment
 * @param kgPerUnit   net mass of one unit
 */
record Goods(String hsCode, double share, String description, String unit, double minUnitUsd, double maxUnitUsd,
             double kgPerUnit) {

    /**
     * A consignment's unit price from a uniform draw {@code u}: log-uniform from 2/3 to 3/2 of the typical price (the
     * geometric mean of the bounds), within the bounds. A flow's value per kg then holds steady from week to week, as
     * real flows' do, so only planted misdeclarations move it (UNIT_VALUE).
     */
    double unitPrice(double u) {
        double typical = Math.sqrt(minUnitUsd * maxUnitUsd);
        return Math.max(minUnitUsd, Math.min(maxUnitUsd, typical * Math.pow(1.5, 2 * u - 1)));
    }

    Goods withShare(double newShare) {
        return new Goods(hsCode, newShare, description, unit, minUnitUsd, maxUnitUsd, kgPerUnit);
    }
}
