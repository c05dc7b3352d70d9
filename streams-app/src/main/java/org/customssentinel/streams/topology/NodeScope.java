package org.customssentinel.streams.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets a processor forward from its {@link CommitPoint}, outside its process() and punctuations, as Kafka Streams' own
 * cache flushes do (TimestampedCacheFlushListener): as the processor's node, in the record context of the last record
 * it took in, since a sink reads its input's topic and partition from there. Kafka Streams' internal API, pinned with
 * its version; the topology tests fail if it changes, since every contribution goes out this way there. Any other
 * context (the offline engine's) forwards from anywhere and needs none of it.
 */
final class NodeScope {

    private final InternalProcessorContext<?, ?> kafka;
    private final ProcessorNode<?, ?, ?, ?> node;
    private ProcessorRecordContext lastTakenIn;

    /** In the processor's init(), where Kafka Streams has made it the current node. */
    NodeScope(ProcessorContext<?, ?> context) {
        this.kafka = context instanceof InternalProcessorContext<?, ?> internal ? internal : null;
        this.node = kafka == null ? null : kafka.currentNode();
    }

    /** In process(): the record being taken in is the one whose context a later forward borrows. */
    void takeIn() {
        if (kafka != null) {
            lastTakenIn = kafka.recordContext();
        }
    }

    /** {@code work} run as the processor's node. */
    void run(Runnable work) {
        if (kafka == null || lastTakenIn == null) {
            work.run();
            return;
        }
        ProcessorNode<?, ?, ?, ?> previousNode = kafka.currentNode();
        ProcessorRecordContext previousContext = kafka.recordContext();
        kafka.setCurrentNode(node);
        kafka.setRecordContext(lastTakenIn);
        try {
            work.run();
        } finally {
            kafka.setCurrentNode(previousNode);
            kafka.setRecordContext(previousContext);
        }
    }
}
