package org.customssentinel.cli;

import org.customssentinel.schemas.topic.TopicNames;
import picocli.CommandLine.Option;

/** Which set of topics a command works on: the documented names, or all of them behind a prefix. */
public final class TopicPrefixOption {

    @Option(names = "--topic-prefix", defaultValue = "${env:SENTINEL_TOPIC_PREFIX:-}", paramLabel = "PREFIX",
            description = "Put before every topic name, e.g. 'rehearsal.' reads and writes rehearsal.customs.declarations and"
                    + " so on: several pipelines on one cluster. Every command of one pipeline needs the same prefix"
                    + " (env SENTINEL_TOPIC_PREFIX; default: none).")
    String prefix;

    public TopicNames names() {
        return new TopicNames(prefix == null ? "" : prefix);
    }
}
