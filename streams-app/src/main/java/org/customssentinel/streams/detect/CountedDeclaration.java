package org.customssentinel.streams.detect;

import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.TradeFlow;

/**
 * A declaration as it is counted, with the flow of its first goods item (where a declaration-level alert is filed).
 *
 * @param enriched   the declaration with its classifications and party matches
 * @param firstFlow  the trade flow of its first item
 * @param firstGoods what the goods on that flow are
 */
public record CountedDeclaration(EnrichedDeclaration enriched, TradeFlow firstFlow, String firstGoods) {
}
