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
 * @param maxUnitUsd  highest unit price
 * @param kgPerUnit   net mass of one unit
 */
record Goods(String hsCode, double share, String description, String unit, double minUnitUsd, double maxUnitUsd,
             double kgPerUnit) {

    Goods withShare(double newShare) {
        return new Goods(hsCode, newShare, description, unit, minUnitUsd, maxUnitUsd, kgPerUnit);
    }
}
