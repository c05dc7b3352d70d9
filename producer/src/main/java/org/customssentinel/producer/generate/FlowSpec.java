package org.customssentinel.producer.generate;

import java.time.YearMonth;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.TransportMode;

/**
 * One synthetic trade flow: who ships what where, how much value per month, and how big a typical declaration is.
 *
 * @param code           one letter, unique per scenario, part of each declaration id
 * @param dispatch       country of dispatch (and origin unless {@code origin} says otherwise)
 * @param origin         country of origin
 * @param destination    country of destination
 * @param type           declaration type
 * @param goods          the goods carried
 * @param monthlyUsd     value per month, in US dollars
 * @param meanDeclarationUsd typical declaration value: sets how many declarations a month's value is spread over
 * @param exporters      exporters, most active first (picked with Zipf weights: a few heavy repeaters)
 * @param importers      importers, most active first
 * @param modes          transport modes used
 * @param office         customs office of lodgement
 */
record FlowSpec(char code, String dispatch, String origin, String destination, DeclarationType type, List<Goods> goods,
                ToDoubleFunction<YearMonth> monthlyUsd, double meanDeclarationUsd, List<String> exporters,
                List<String> importers, List<TransportMode> modes, String office) {
}
