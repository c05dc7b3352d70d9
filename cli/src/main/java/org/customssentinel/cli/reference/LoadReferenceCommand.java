package org.customssentinel.cli.reference;

import java.util.List;
import java.util.concurrent.Callable;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.ReferenceOptions;
import org.customssentinel.cli.TopicOptions;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.Watchlist;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Publishes classification lists and watchlists to their compacted topics. */
@Command(name = "load-reference", mixinStandardHelpOptions = true,
        header = "Publish HS lists and watchlists to the reference topics.",
        description = {"Publish HS classification lists and watchlists to customs.reference.hs-classifications and",
                "customs.reference.watchlist (compacted). With no file given, loads the shipped defaults: the Common High",
                "Priority List of 23 Feb 2024, EU 2021/821 Annex I candidate headings, and the sample watchlist. --hs replaces",
                "only the classification lists, --watchlist only the watchlist. Prints the lists in force first."})
public final class LoadReferenceCommand implements Callable<Integer> {

    @Mixin
    ReferenceOptions reference;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicOptions topics;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<HsClassification> classifications = reference.classifications();
        List<Watchlist> watchlists = reference.watchlists();
        List<WatchlistEntry> watchlist = ReferenceOptions.entries(watchlists);
        spec.commandLine().getOut().println(ReferenceOptions.inForce(classifications, watchlists));
        spec.commandLine().getOut().flush();
        new ReferenceLoader(topics.publishConfig(connection.settings()), topics.names()).load(classifications, watchlist);
        spec.commandLine().getOut().printf("loaded %,d classification entries and %,d watchlist entries%n", classifications.size(), watchlist.size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
