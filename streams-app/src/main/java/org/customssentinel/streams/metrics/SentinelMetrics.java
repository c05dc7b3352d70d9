package org.customssentinel.streams.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.topic.SentinelHeaders;

/**
 * The app's own measures, beside Kafka's: what went through, what was turned away and why, what was raised, and how
 * long after its declaration was published an alert came out.
 */
public final class SentinelMetrics {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter declarations;
    private final Counter items;
    private final Counter late;
    private final Counter duplicates;

    public SentinelMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.declarations = Counter.builder("sentinel.declarations.processed").description("Declarations decoded and enriched")
                .register(registry);
        this.items = Counter.builder("sentinel.items.processed").description("Goods items fanned out to trade flows").register(registry);
        this.late = Counter.builder("sentinel.records.late").description("Declarations later than their window's grace").register(registry);
        this.duplicates = Counter.builder("sentinel.declarations.duplicate").description("Declarations dropped as already counted (same id, same content)")
                .register(registry);
    }

    /** A Prometheus registry with the JVM's own meters, for {@code /metrics}. */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    /** Counts into a registry of its own: for tests and tools that do not export metrics. */
    public static SentinelMetrics unexported() {
        return new SentinelMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void declarationProcessed(int itemCount) {
        declarations.increment();
        items.increment(itemCount);
    }

    /** A declaration already counted, sent again with the same content: dropped. */
    public void duplicateDropped() {
        duplicates.increment();
    }

    public void rejected(String reason) {
        Counter.builder("sentinel.records.rejected").description("Records sent to the rejected topic, by reason").tag("reason", reason)
                .register(registry).increment();
        if (reason.equals(ReasonCode.LATE.name())) {
            late.increment();
        }
    }

    /** An alert out; {@code headers} are those of the declaration that raised it (or closed its window). */
    public void alertRaised(Alert alert, Headers headers) {
        String rule = AlertRules.idOf(alert);
        String status = alert.getStatus().name();
        Counter.builder("sentinel.alerts").description("Alerts raised, by rule and status").tag("rule", rule).tag("status", status)
                .register(registry).increment();
        Header published = headers == null ? null : headers.lastHeader(SentinelHeaders.PUBLISHED_AT);
        if (published != null) {
            try {
                long at = Long.parseLong(new String(published.value(), StandardCharsets.US_ASCII));
                Timer.builder("sentinel.alert.latency").description("From the declaration's publication to its alert")
                        .tag("rule", rule).tag("status", status).publishPercentiles(0.5, 0.99)
                        .register(registry).record(Duration.ofMillis(Math.max(0, clock.millis() - at)));
            } catch (NumberFormatException e) {
                // Someone else's header of the same name: no latency sample rather than a wrong one.
            }
        }
    }
}
