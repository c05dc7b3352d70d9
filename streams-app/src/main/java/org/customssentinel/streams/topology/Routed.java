package org.customssentinel.streams.topology;

import org.apache.avro.specific.SpecificRecord;

/** A record on its way to one of several topics, chosen by a split; never serialized. */
record Routed(Destination destination, SpecificRecord value) {

    enum Destination { ON_TIME, FLOW_EVENTS, REJECTED, ALERTS, FLOWS_WINDOWED }
}
