package org.customssentinel.bench;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import org.customssentinel.avro.Declaration;
import org.customssentinel.streams.flow.FlowDimensions;

/** Counts, as declarations go by, how many trade flows each touches and how many flows there are in all. */
final class FlowCount implements Iterator<Declaration> {

    private final Iterator<Declaration> declarations;
    private final FlowDimensions dimensions = FlowDimensions.standard();
    private final Set<String> flows = new HashSet<>();
    private long declarationCount;
    private long contributions;

    FlowCount(Iterator<Declaration> declarations) {
        this.declarations = declarations;
    }

    @Override
    public boolean hasNext() {
        return declarations.hasNext();
    }

    @Override
    public Declaration next() {
        Declaration declaration = declarations.next();
        Set<String> own = new HashSet<>();
        declaration.getItems().forEach(item -> own.add(dimensions.keyOf(declaration, item)));
        flows.addAll(own);
        contributions += own.size();
        declarationCount++;
        return declaration;
    }

    /** Flow contributions per declaration: what the full topology sends through its repartition topic. */
    double contributionsPerDeclaration() {
        return declarationCount == 0 ? 0 : (double) contributions / declarationCount;
    }

    int distinctFlows() {
        return flows.size();
    }
}
