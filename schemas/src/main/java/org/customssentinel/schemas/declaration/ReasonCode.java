package org.customssentinel.schemas.declaration;

/**
 * Why a record went to customs.declarations.rejected: stable codes, one per rule, shared by the producer (which reads
 * files) and the streams app (which reads the topic, where anything can write).
 */
public enum ReasonCode {
    MISSING_FIELD,
    INVALID_HS_CODE,
    INVALID_COUNTRY,
    NOT_NUMERIC,
    NEGATIVE_NUMBER,
    OUT_OF_RANGE,
    INVALID_DATE,
    IMPLAUSIBLE_DATE,
    INVALID_ENUM,
    INVALID_ITEM_NUMBER,
    DUPLICATE_ITEM_NUMBER,
    NO_ITEMS,
    /** More goods items than a declaration may have ({@link DeclarationRules#MAX_ITEMS}). */
    TOO_MANY_ITEMS,
    /** A text longer than the contract allows, or a record too large to pass through the pipeline. */
    TOO_LARGE,
    DUPLICATE_DECLARATION,
    INCONSISTENT_DECLARATION,
    MALFORMED_CSV,
    MALFORMED_JSON,
    /** Topic records only: no value (a tombstone) or an empty one. */
    EMPTY,
    /** Topic records only: not Confluent-framed Avro of a Declaration schema this build can read. */
    UNDESERIALIZABLE,
    /** Topic records only: the record key is not the declaration's id, which per-id ordering and de-duplication rely on. */
    KEY_MISMATCH,
    /** Topic records only: lodged in a window that had closed by its partition's stream time. */
    LATE,
    /** Topic records only: an id already counted, sent again with other content. */
    CONFLICTING_DUPLICATE
}
