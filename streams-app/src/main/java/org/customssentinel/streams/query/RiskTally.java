package org.customssentinel.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.RiskLane;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.schemas.topic.TopicTail;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * Declarations per lane and window (event time), and the latest RED ones, from the whole of customs.declarations.risk:
 * every instance shows every instance's declarations. Counts are kept per window, RED declarations only the
 * {@link #KEPT_RED} latest by lodged time: memory stays small over years of replay.
 */
final class RiskTally implements AutoCloseable {

    static final int KEPT_RED = 200;
    private static final Comparator<DeclarationRisk> NEWEST_FIRST = Comparator.comparing(DeclarationRisk::getLodgedAt, Comparator.reverseOrder())
            .thenComparing(DeclarationRisk::getDeclarationId);

    private final WindowSettings windows;
    private final NavigableMap<Long, Map<RiskLane, Long>> byWindow = new TreeMap<>();
    private final TreeSet<DeclarationRisk> latestRed = new TreeSet<>(NEWEST_FIRST);
    private final TopicTail<DeclarationRisk> tail;

    RiskTally(Map<String, Object> clientConfigs, String topic, WindowSettings windows) {
        this.windows = windows;
        this.tail = new TopicTail<>(clientConfigs, topic, TopicTail.From.BEGINNING, this::count);
    }

    void start() {
        tail.start();
    }

    synchronized void count(DeclarationRisk risk) {
        long start = windows.startOf(risk.getLodgedAt().toEpochMilli());
        byWindow.computeIfAbsent(start, s -> new EnumMap<>(RiskLane.class)).merge(risk.getLane(), 1L, Long::sum);
        if (risk.getLane() == RiskLane.RED) {
            latestRed.add(risk);
            if (latestRed.size() > KEPT_RED) {
                latestRed.pollLast();
            }
        }
    }

    /** The last {@code limit} windows with declarations: {@code [{windowStart, GREEN, YELLOW, ORANGE, RED}, ...]}, oldest first. */
    synchronized ArrayNode lanes(int limit) {
        List<Map.Entry<Long, Map<RiskLane, Long>>> recent = new ArrayList<>(byWindow.descendingMap().entrySet()).subList(0,
                Math.min(limit, byWindow.size()));
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (int i = recent.size() - 1; i >= 0; i--) {
            ObjectNode window = result.addObject();
            window.put("windowStart", Instant.ofEpochMilli(recent.get(i).getKey()).toString());
            for (RiskLane lane : RiskLane.values()) {
                window.put(lane.name(), recent.get(i).getValue().getOrDefault(lane, 0L));
            }
        }
        return result;
    }

    /** The latest RED declarations by lodged time, newest first, with their indicators. */
    synchronized ArrayNode red(int limit) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        latestRed.stream().limit(limit).forEach(risk -> result.add(AvroJson.of(risk)));
        return result;
    }

    @Override
    public void close() {
        tail.close();
    }
}
