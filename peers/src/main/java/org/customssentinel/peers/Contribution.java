package org.customssentinel.peers;

import java.math.BigDecimal;

/** One declaration's goods on one trade flow (a Flink POJO: public fields, no-argument constructor). */
public class Contribution {
    public String flowKey;
    public BigDecimal valueUsd;
    public BigDecimal netMassKg;
    public int itemCount;
    public boolean controlled;

    public Contribution() {
    }

    Contribution(String flowKey) {
        this.flowKey = flowKey;
        this.valueUsd = BigDecimal.ZERO.setScale(2);
        this.netMassKg = BigDecimal.ZERO.setScale(3);
    }
}
