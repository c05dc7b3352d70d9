package org.customssentinel.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.cli.HttpOptions;
import org.customssentinel.cli.StackPortOptions;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.localstack.Directories;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceInForce;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.Watchlist;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.SurgeRule;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Everything at once on this machine: stack, reference data, a paced replay, the streams app, alerts, dashboard. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the whole pipeline locally with alerts and a dashboard.",
        description = {"The one-command demo. Starts a local Kafka and schema registry, loads the shipped",
                "reference data, replays the chpl-surge scenario paced so you can watch (one week of",
                "event time per second by default), runs the streams app, prints every alert as it",
                "fires and serves the dashboard. Ctrl-C, or the end of --duration, stops everything",
                "and leaves no process behind."})
public final class DemoCommand implements Callable<Integer> {

    private static final ReferencePeriod PRE_SANCTIONS = ReferencePeriod.parse("2021-01-01/2022-02-24");

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop by itself after this long, e.g. 5m or PT90S (default: run until Ctrl-C).",
            converter = DurationConverter.class)
    Duration duration;

    @Option(names = "--speed", defaultValue = "604800x", paramLabel = "max|Nx",
            description = "Replay speed in event time per wall second (default: ${DEFAULT-VALUE}, one week per second).")
    String speed;

    @Option(names = "--scale", defaultValue = "1.0", paramLabel = "X",
            description = "Scenario scale: declaration count multiplier, same money (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--secure", description = {"Run on a secured stack (as `sentinel stack --secure`): SASL_SSL with SCRAM, TLS,"
            + " ACLs; the replay runs as sentinel-producer, the streams app as sentinel-streams, the alert printer as"
            + " sentinel-reader. Prints the client files for other terminals."})
    boolean secure;

    @CommandLine.Mixin
    StackPortOptions ports;

    @CommandLine.Mixin
    HttpOptions http;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        Speed pace = Speed.parse(speed);
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("sentinel-demo-");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sentinel-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("Starting Kafka and the schema registry...");
            out.flush();
            DemoStack stack = secure ? DemoStack.secured(ports, work, out) : DemoStack.plain(ports, work);
            running.push(stack);
            Map<String, Object> clients = stack.clientsOf(SentinelPrincipals.STREAMS);
            PublishConfig publish = PublishConfig.defaults(stack.clientsOf(SentinelPrincipals.PRODUCER));
            Preflight.prepareDeclarationTopics(publish);
            List<HsClassification> classifications = HsClassificationReader.shipped();
            Watchlist sample = WatchlistReader.shippedWatchlist();
            new ReferenceLoader(publish, TopicNames.defaults()).load(classifications, sample.entries());
            out.println("Loaded the shipped " + ReferenceInForce.line(classifications, List.of(sample)));

            TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults(StreamsSettings.DEFAULT_APPLICATION_ID),
                    ClassificationMode.LATEST, WindowSettings.weekly(), RuleSettings.defaults().with(SurgeRule.REFERENCE, Optional.of(PRE_SANCTIONS)), 1, clients);
            StreamsSettings settings = new StreamsSettings(StreamsSettings.DEFAULT_APPLICATION_ID, clients, "exactly_once_v2", topology, 6,
                    (short) 1, work.resolve("state"), Duration.ofSeconds(30));
            ServedStreams served = ServedStreams.start(settings, http.settings());
            running.push(served);
            AlertPrinter alerts = new AlertPrinter(stack.clientsOf(SentinelPrincipals.READER), topology.topics().alerts(), out, System.console() != null);
            alerts.start();
            running.push(alerts);

            ScenarioGenerator generator = ScenarioGenerator.create("chpl-surge", 42, null, null, scale);
            DeclarationPublisher publisher = new DeclarationPublisher(publish);
            Thread replay = new Thread(() -> {
                try {
                    var result = new IngestRun(publisher, pace, ProgressListener.NONE, false, Clock.systemUTC())
                            .publish(generator.declarations(), generator.estimatedCount());
                    synchronized (out) {
                        out.printf("Replay finished: %,d declarations published. The dashboard stays up until Ctrl-C.%n", result.accepted());
                        out.flush();
                    }
                } catch (Exception e) {
                    if (!closed.get()) {
                        synchronized (out) {
                            out.println("The replay stopped: " + e.getMessage());
                            out.flush();
                        }
                    }
                }
            }, "sentinel-demo-replay");
            replay.setDaemon(true);
            running.push(() -> {
                replay.interrupt();
                replay.join(10_000);
                publisher.close();
            });
            synchronized (out) {
                out.printf("Dashboard: %s://%s:%d/   Kafka: %s   Registry: %s%n", http.scheme(), http.displayHost(), served.port(), stack.bootstrapServers(),
                        stack.schemaRegistryUrl());
                out.printf("Replaying chpl-surge 2021-2023 at %s; alerts print below as they fire. Ctrl-C to stop.%n", pace);
                out.flush();
            }
            replay.start();
            if (duration != null) {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stop.await();
            }
            synchronized (out) {
                out.printf("Stopping (%d alert lines printed)...%n", alerts.printed());
                out.flush();
            }
            return 0;
        } finally {
            closeAll();
            Directories.deleteTreeQuietly(work);
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
            if (duration != null || stop.getCount() > 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down.
                }
            }
        }
    }

    private void closeAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                // Keep closing the rest: leaving a process behind is worse than a noisy stop.
            }
        }
    }

    /** {@code 5m}, {@code 90s}, {@code 1h} or ISO-8601 {@code PT5M}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(java.util.Locale.ROOT);
            try {
                if (text.startsWith("p")) {
                    return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> throw new NumberFormatException();
                };
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 5m, 1h or PT5M");
            }
        }
    }
}
