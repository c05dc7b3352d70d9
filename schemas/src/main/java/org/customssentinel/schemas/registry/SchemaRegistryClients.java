package org.customssentinel.schemas.registry;

import java.util.Map;

/** Builds the client a configuration asks for: {@code mock://scope} or a cached HTTP client. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        Object url = configs.get(RegistryClientConfig.URL);
        if (url != null && String.valueOf(url).trim().startsWith(MockSchemaRegistry.SCHEME)) {
            return MockSchemaRegistry.scope(MockSchemaRegistry.scopeOf(String.valueOf(url).trim()));
        }
        return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(RegistryClientConfig.fromConfigs(configs)));
    }
}
