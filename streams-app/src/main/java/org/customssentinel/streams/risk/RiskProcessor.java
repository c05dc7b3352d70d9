package org.customssentinel.streams.risk;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.streams.detect.RuleEdition;
import org.customssentinel.streams.detect.RulesInForce;
import org.customssentinel.streams.risk.RiskAssessor;

/** Each counted declaration's risk lane, scored by the weights and cut-offs in force, with their version. */
public final class RiskProcessor implements Processor<String, EnrichedDeclaration, String, DeclarationRisk> {

    private final RulesInForce rules;
    private final RiskAssessor assessor;
    private ProcessorContext<String, DeclarationRisk> context;

    public RiskProcessor(RulesInForce rules, RiskAssessor assessor) {
        this.rules = rules;
        this.assessor = assessor;
    }

    @Override
    public void init(ProcessorContext<String, DeclarationRisk> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, EnrichedDeclaration> record) {
        RuleEdition edition = rules.current();
        DeclarationRisk risk = assessor.assess(record.value(), edition.settings().sanctions(), edition.settings().risk());
        risk.setRulesVersion(edition.version());
        context.forward(record.withValue(risk));
    }
}
