package org.customssentinel.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory registries behind {@code mock://scope} URLs.
 *
 * <p>Kafka instantiates serializers and deserializers by reflection, each on its own, so the only way for a
 * serializer and a deserializer configured with the same {@code mock://} URL to share a registry is a
 * process-wide map of scopes. Tests that want isolation use a scope of their own, and {@link #drop} it.
 */
public final class MockSchemaRegistry {

    public static final String SCHEME = "mock://";

    private static final Map<String, MockSchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {
    }

    /** The registry of a scope, created empty on first use. */
    public static MockSchemaRegistryClient scope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistryClient());
    }

    /** Forgets a scope and everything registered in it. */
    public static void drop(String scope) {
        SCOPES.remove(scope);
    }

    /** The scope named by a {@code mock://scope} URL. */
    static String scopeOf(String url) {
        return url.substring(SCHEME.length()).replaceAll("/+$", "");
    }
}
