package org.customssentinel.schemas.registry;

import java.util.Map;

/** Builds the client a configuration asks for: {@code mock://scope} or a cached HTTP client. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        Object url = configs.get(RegistryClientConfig.URL);
        if (url != null && String.valueOf(url).trim().startsWith(MockSchemaRegistry.SCHEME)) {
            // Cached as the HTTP client is: the in-memory registry keys schemas by their JSON text, which costs a
            // Schema.toString per record otherwise (most of an offline backtest's time).
            return new CachingSchemaRegistryClient(MockSchemaRegistry.scope(MockSchemaRegistry.scopeOf(String.valueOf(url).trim())));
        }
        return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(RegistryClientConfig.fromConfigs(configs)));
    }
}
