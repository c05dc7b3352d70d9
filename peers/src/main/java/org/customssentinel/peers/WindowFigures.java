package org.customssentinel.peers;

import java.math.BigDecimal;

/** A flow's figures for one closed window, and what the job's detection keeps of it. */
public class WindowFigures {
    public String flowKey;
    public long windowStart;
    public BigDecimal totalValueUsd;
    public BigDecimal totalNetMassKg;
    public int itemCount;
    public int declarationCount;
    public boolean controlled;

    public WindowFigures() {
    }

    static WindowFigures empty() {
        WindowFigures figures = new WindowFigures();
        figures.totalValueUsd = BigDecimal.ZERO.setScale(2);
        figures.totalNetMassKg = BigDecimal.ZERO.setScale(3);
        return figures;
    }
}
