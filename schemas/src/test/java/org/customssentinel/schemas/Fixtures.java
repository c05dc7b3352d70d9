package org.customssentinel.schemas;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.TransportMode;

/** Declarations as tests need them, with every value written out. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Shenzhen processors to Moscow, lodged 2022-03-24T08:15Z. */
    public static Declaration processorsToRussia(String declarationId) {
        return Declaration.newBuilder()
                .setDeclarationId(declarationId)
                .setDeclarationType(DeclarationType.EXPORT)
                .setLodgedAt(Instant.parse("2022-03-24T08:15:00Z"))
                .setDeclarant(Party.newBuilder().setName("Shenzhen Forwarding Co.").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Chipline Trading Co., Ltd.").setIdentifier("CN91440300").setCountry("CN").build())
                .setImporter(Party.newBuilder().setName("OOO Tekhnopark Vostok").setCountry("RU").build())
                .setCountryOfOrigin("CN")
                .setCountryOfDispatch("CN")
                .setCountryOfDestination("RU")
                .setCustomsOffice("CN5301")
                .setTransportMode(TransportMode.ROAD)
                .setItems(List.of(GoodsItem.newBuilder()
                        .setItemNumber(1)
                        .setHsCode("854231")
                        .setDescription("Processors and controllers, electronic integrated circuits")
                        .setQuantity(new BigDecimal("12000.000"))
                        .setUnit("pcs")
                        .setNetMassKg(new BigDecimal("84.500"))
                        .setValueUsd(new BigDecimal("412500.00"))
                        .build()))
                .build();
    }
}
