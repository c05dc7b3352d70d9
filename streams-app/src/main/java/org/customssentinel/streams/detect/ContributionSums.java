package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.WindowContributions;

/**
 * Declarations' contributions to one flow window added up, so that a window adding the sum ends as it would have
 * adding them one by one: every figure is a sum, a union or a minimum, except the goods description, which the sum
 * keeps as the window needs it (the first declaration's, and the last controlled one's).
 */
public final class ContributionSums {

    private ContributionSums() {
    }

    /** One declaration's contribution as a sum of one. */
    public static WindowContributions of(FlowContribution c) {
        Map<String, BigDecimal> parties = new HashMap<>();
        parties.put(c.getExporter(), c.getValueUsd());
        List<String> samples = new ArrayList<>(1);
        samples.add(c.getDeclarationId());
        return WindowContributions.newBuilder().setLodgedAt(c.getLodgedAt()).setValueUsd(c.getValueUsd()).setNetMassKg(c.getNetMassKg())
                .setItemCount(c.getItemCount()).setDeclarationCount(1).setControlled(c.getControlled())
                .setLists(new ArrayList<>(c.getLists())).setGoodsDescription(c.getGoodsDescription())
                .setControlledGoodsDescription(c.getControlled() ? c.getGoodsDescription() : null)
                .setPartyValues(parties).setSampleDeclarationIds(samples).build();
    }

    /** {@code c} added into {@code sum}, which it changes. */
    public static void add(WindowContributions sum, FlowContribution c) {
        if (c.getLodgedAt().isAfter(sum.getLodgedAt())) {
            sum.setLodgedAt(c.getLodgedAt());
        }
        sum.setValueUsd(sum.getValueUsd().add(c.getValueUsd()));
        sum.setNetMassKg(sum.getNetMassKg().add(c.getNetMassKg()));
        sum.setItemCount(sum.getItemCount() + c.getItemCount());
        sum.setDeclarationCount(sum.getDeclarationCount() + 1);
        sum.setControlled(sum.getControlled() || c.getControlled());
        addLists(sum.getLists(), c.getLists());
        if (c.getControlled()) {
            sum.setControlledGoodsDescription(c.getGoodsDescription());
        }
        sum.getPartyValues().merge(c.getExporter(), c.getValueUsd(), BigDecimal::add);
        sum.setSampleDeclarationIds(Samples.with(sum.getSampleDeclarationIds(), c.getDeclarationId()));
    }

    /** The lists of {@code more} not yet in {@code lists}, appended in their order; whether any was. */
    static boolean addLists(List<ListReference> lists, List<ListReference> more) {
        boolean added = false;
        for (ListReference list : more) {
            if (!lists.contains(list)) {
                lists.add(list);
                added = true;
            }
        }
        return added;
    }
}
