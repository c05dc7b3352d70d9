package org.customssentinel.producer.validate;

/** Why a declaration was rejected: stable codes for the rejected topic, one per rule. */
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
    DUPLICATE_DECLARATION,
    INCONSISTENT_DECLARATION,
    MALFORMED_CSV,
    MALFORMED_JSON
}
