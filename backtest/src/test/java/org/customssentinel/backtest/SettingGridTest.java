package org.customssentinel.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingGridTest {

    @Test
    void shouldRunEveryCombinationOverTheBase() {
        List<BacktestSetting> settings = new SettingGrid(Map.of("rules.floor.usd", "50000"))
                .axis("rules.spike.ratio=5,10").axis("rules.baseline.windows=4,6,8").settings();
        assertEquals(6, settings.size());
        assertEquals("rules.spike.ratio=5 rules.baseline.windows=4", settings.get(0).name());
        assertEquals("rules.spike.ratio=10 rules.baseline.windows=8", settings.get(5).name());
        assertEquals(10.0, settings.get(5).rules().standard().spikeRatio());
        assertEquals(8, settings.get(5).rules().standard().baselineWindows());
        assertEquals(0, settings.get(5).rules().standard().floorUsd().compareTo(new java.math.BigDecimal("50000")), "the base applies to each");
    }

    @Test
    void shouldRejectWhatTheBacktestCannotRun() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SettingGrid(Map.of()).axis("rules.spike.ratio=5,x").settings())
                .getMessage().contains("rules.spike.ratio=x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SettingGrid(Map.of("bootstrap.servers", "k:9092")).settings())
                .getMessage().contains("bootstrap.servers: not a setting of the backtest"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SettingGrid(Map.of()).axis("rules.spike.ratio")).getMessage()
                .contains("expected KEY=V1,V2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SettingGrid(Map.of()).axis("rules.spike.ratio=5")
                .axis("rules.spike.ratio=10")).getMessage().contains("given twice"));
    }
}
