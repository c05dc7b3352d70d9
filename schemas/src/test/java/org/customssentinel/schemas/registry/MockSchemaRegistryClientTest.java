package org.customssentinel.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The in-memory registry keeps the real one's rules, or unit tests would pass where production fails. */
class MockSchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("Party").fields().requiredString("name").endRecord();
    private static final Schema V2_WITH_DEFAULT = SchemaBuilder.record("Party").fields().requiredString("name")
            .optionalString("country").endRecord();
    private static final Schema V2_REQUIRED = SchemaBuilder.record("Party").fields().requiredString("name")
            .requiredString("country").endRecord();

    @Test
    void shouldGiveTheSameSchemaTheSameIdAcrossSubjects() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        int id = registry.register("a-value", V1);
        assertEquals(id, registry.register("a-value", V1));
        assertEquals(id, registry.register("b-value", V1));
        assertEquals(List.of(1), registry.versions("a-value"));
    }

    @Test
    void shouldRefuseABackwardIncompatibleSchemaWith409() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        registry.register("party-value", V1);
        assertTrue(registry.testCompatibility("party-value", V2_WITH_DEFAULT).compatible());
        assertFalse(registry.testCompatibility("party-value", V2_REQUIRED).compatible());
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> registry.register("party-value", V2_REQUIRED));
        assertEquals(SchemaRegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
        registry.setSubjectCompatibility("party-value", CompatibilityLevel.NONE);
        registry.register("party-value", V2_REQUIRED);
        assertEquals(2, registry.latest("party-value").version());
    }

    @Test
    void shouldAnswerUnknownIdsAndSubjectsWithConfluentErrorCodes() {
        MockSchemaRegistryClient registry = new MockSchemaRegistryClient();
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.schemaById(99)).errorCode());
        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.latest("nope")).errorCode());
    }
}
