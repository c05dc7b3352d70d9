package org.customssentinel.streams.triage;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.customssentinel.avro.Disposition;

/**
 * Verdicts as ops give them, counted by the instance that takes each (so a sum over instances counts each once):
 * {@code sentinel_alert_dispositions_total{rule,verdict}}, and {@code sentinel_alert_time_to_first_verdict_seconds},
 * from the end of the alert's window (event time) to its first verdict (wall clock). Live, a window ends about when
 * its evidence arrives; on a replay of history the figure is the history's age, and says nothing about ops.
 */
public final class TriageMetrics {

    private final MeterRegistry registry;
    private final Timer timeToFirstVerdict;

    public TriageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timeToFirstVerdict = Timer.builder("sentinel.alert.time.to.first.verdict")
                .description("From the end of an alert's window to its first verdict")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Counts {@code written}; times it too when it is the alert's first verdict. */
    public void recorded(Disposition written) {
        Counter.builder("sentinel.alert.dispositions")
                .description("Verdicts given to alerts, by the rule that raised them")
                .tag("rule", written.getRuleId())
                .tag("verdict", written.getLatest().getVerdict().name())
                .register(registry)
                .increment();
        if (written.getEarlier().isEmpty()) {
            Duration waited = Duration.between(written.getWindowEnd(), written.getLatest().getDecidedAt());
            timeToFirstVerdict.record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }
}
