package org.customssentinel.streams.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.avro.Verdict;
import org.customssentinel.avro.VerdictChange;
import org.junit.jupiter.api.Test;

/** An alert's verdicts kept whole on a compacted topic, and the precision per rule they measure. */
class DispositionHistoryTest {

    private static final TradeFlow FLOW = TradeFlow.newBuilder().setDispatchCountry("AM").setDestinationCountry("RU").setHsCode("854231").build();
    private static final Instant WEEK = Instant.parse("2022-04-07T00:00:00Z");

    private static JudgedAlert alert(String id, String rule) {
        return new JudgedAlert(id, rule, FLOW, WEEK, WEEK.plusSeconds(7 * 86_400));
    }

    private static VerdictChange change(Verdict verdict, String by, String at) {
        return VerdictChange.newBuilder().setVerdict(verdict).setDecidedBy(by).setDecidedAt(Instant.parse(at)).setNote("").build();
    }

    @Test
    void shouldCarryEveryEarlierVerdictOldestFirst() {
        Disposition first = DispositionHistory.next(Optional.empty(), alert("a1", "SPIKE"), change(Verdict.INSPECTING, "bob", "2026-12-01T09:00:00Z"));
        Disposition second = DispositionHistory.next(Optional.of(first), alert("a1", "SPIKE"), change(Verdict.CONFIRMED, "alice", "2026-12-02T09:00:00Z"));
        Disposition third = DispositionHistory.next(Optional.of(second), alert("a1", "SPIKE"), change(Verdict.DISMISSED, "carol", "2026-12-03T09:00:00Z"));
        assertEquals(Verdict.DISMISSED, third.getLatest().getVerdict());
        assertEquals(List.of("bob", "alice"), third.getEarlier().stream().map(VerdictChange::getDecidedBy).toList());
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), DispositionHistory.firstDecidedAt(third));
        assertEquals(FLOW, third.getFlow());
        assertEquals("SPIKE", third.getRuleId());
    }

    @Test
    void shouldMeasurePrecisionPerRuleFromTheVerdictsInForceOverJudgedAlertsOnly() {
        List<Disposition> all = List.of(
                DispositionHistory.next(Optional.empty(), alert("a1", "SPIKE"), change(Verdict.CONFIRMED, "alice", "2026-12-01T09:00:00Z")),
                DispositionHistory.next(Optional.empty(), alert("a2", "SPIKE"), change(Verdict.DISMISSED, "alice", "2026-12-01T10:00:00Z")),
                DispositionHistory.next(Optional.empty(), alert("a3", "SPIKE"), change(Verdict.CONFIRMED, "alice", "2026-12-01T11:00:00Z")),
                DispositionHistory.next(Optional.empty(), alert("a4", "SPIKE"), change(Verdict.INSPECTING, "alice", "2026-12-01T12:00:00Z")),
                DispositionHistory.next(Optional.empty(), alert("a5", "SURGE"), change(Verdict.INSPECTING, "alice", "2026-12-01T12:00:00Z")),
                DispositionHistory.next(Optional.empty(), alert("a6", "SURGE"), change(Verdict.DISMISSED, "alice", "2026-10-01T12:00:00Z")));
        Map<String, RulePrecision> since = RulePrecision.of(all, Instant.parse("2026-11-01T00:00:00Z"));
        assertEquals(new RulePrecision("SPIKE", 1, 2, 1), since.get("SPIKE"));
        assertEquals(2 / 3.0, since.get("SPIKE").precision(), 1e-9);
        assertTrue(Double.isNaN(since.get("SURGE").precision()), "nothing judged in the period: no precision, not 0");
        assertEquals(0.0, RulePrecision.of(all, Instant.EPOCH).get("SURGE").precision(), 1e-9);
    }
}
