package org.customssentinel.cli.triage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.Verdict;
import org.customssentinel.avro.VerdictChange;
import org.customssentinel.producer.generate.AnomalyLabel;

/**
 * Ops' verdicts as backtest labels: a confirmed alert is a case to catch, a dismissed one a known false positive, each
 * on the alert's flow over the weeks of its window. Alerts still being inspected are not judged yet and left out.
 */
final class DispositionLabels {

    private static final int DESCRIPTION_NOTE = 200;

    private DispositionLabels() {
    }

    static List<AnomalyLabel> of(Collection<Disposition> dispositions) {
        List<AnomalyLabel> labels = new ArrayList<>();
        for (Disposition d : dispositions) {
            Verdict verdict = d.getLatest().getVerdict();
            if (verdict == Verdict.INSPECTING) {
                continue;
            }
            LocalDate first = d.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate();
            // Labels name weekly windows by their start; the window's last week starts seven days before its end.
            LocalDate lastWeek = d.getWindowEnd().minusSeconds(7 * 24 * 3600).atZone(ZoneOffset.UTC).toLocalDate();
            labels.add(new AnomalyLabel(d.getFlow().getDispatchCountry(), d.getFlow().getDestinationCountry(), d.getFlow().getHsCode(),
                    first, lastWeek.isBefore(first) ? first : lastWeek, List.of(d.getRuleId()), description(d), d.getFlow().getOriginCountry(),
                    verdict == Verdict.CONFIRMED ? AnomalyLabel.Verdict.CONFIRMED : AnomalyLabel.Verdict.DISMISSED));
        }
        return labels;
    }

    private static String description(Disposition d) {
        VerdictChange latest = d.getLatest();
        String note = latest.getNote().replaceAll("\\s+", " ").strip();
        if (note.length() > DESCRIPTION_NOTE) {
            note = note.substring(0, DESCRIPTION_NOTE - 1) + "…";
        }
        return "alert " + d.getAlertId() + " " + latest.getVerdict().name().toLowerCase(Locale.ROOT) + " by " + latest.getDecidedBy()
                + " on " + latest.getDecidedAt().atZone(ZoneOffset.UTC).toLocalDate() + (note.isEmpty() ? "" : ": " + note);
    }
}
