package org.safecounty.facts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.internal.pack.CountingSpec;
import org.safecounty.internal.pack.SurveySpec;
import org.safecounty.result.NotAccepted;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.result.Problem;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Submission;

/**
 * Decides which evidence counts, as the pack's {@code counting} section and parameters say: the
 * mode, each key's window, repeats (the latest item of a key counts), survey validity, and the
 * incident window. Two items of one key on the same latest date with different values conflict.
 */
public final class EvidenceCounter {

    private final CountingSpec spec;
    private final Parameters parameters;

    public EvidenceCounter(CountingSpec spec, Parameters parameters) {
        this.spec = spec;
        this.parameters = parameters;
    }

    /** What counts, what does not and why, and the conflicts that reject the submission. */
    /**
     * @param unmet for each key that cannot count for this county, the condition it lacks
     */
    public record Counted(Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                          List<NotAccepted> notAccepted, List<Problem> conflicts, Map<String, UnmetCondition> unmet) {
    }

    public Counted count(Submission submission) {
        List<NotAccepted> notAccepted = new ArrayList<>();
        List<Problem> conflicts = new ArrayList<>();
        Map<String, List<EvidenceItem>> candidates = new TreeMap<>();
        for (EvidenceItem item : submission.evidence()) {
            NotAcceptedReason reason = screen(item, submission);
            if (reason != null) {
                notAccepted.add(new NotAccepted(item.id(), reason));
            } else {
                candidates.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(item);
            }
        }
        Map<String, CountedEvidence> measures = new LinkedHashMap<>();
        candidates.forEach((key, items) -> latest(items, notAccepted, conflicts)
                .ifPresent(item -> measures.put(key, counted(item))));
        Map<String, UnmetCondition> unmet = new TreeMap<>();
        for (SurveySpec survey : spec.surveys()) {
            applySurveyValidity(survey, measures, notAccepted, unmet);
        }
        List<CountedIncident> incidents = incidents(submission);
        notAccepted.sort(Comparator.comparing(NotAccepted::evidence));
        return new Counted(measures, incidents, notAccepted, conflicts, unmet);
    }

    private NotAcceptedReason screen(EvidenceItem item, Submission submission) {
        if (spec.verifiedOnlyIn().contains(submission.assessment().mode()) && !item.verified()) {
            return NotAcceptedReason.UNVERIFIED;
        }
        String yearsParameter = spec.evidenceYearsBackByKey().getOrDefault(item.key(), spec.evidenceYearsBack());
        int yearsBack = parameters.number(yearsParameter).intValueExact();
        LocalDate from = LocalDate.of(submission.assessment().year() - yearsBack, 1, 1);
        LocalDate to = submission.assessment().date();
        if (item.date().isBefore(from) || item.date().isAfter(to)) {
            return NotAcceptedReason.OUT_OF_WINDOW;
        }
        return null;
    }

    private java.util.Optional<EvidenceItem> latest(List<EvidenceItem> items, List<NotAccepted> notAccepted,
                                                    List<Problem> conflicts) {
        if (items.size() == 1) {
            return java.util.Optional.of(items.get(0));
        }
        // by id, so that which of two equal same-date items counts never depends on their order
        EvidenceItem chosen = items.get(0);
        for (EvidenceItem item : items) {
            int byDate = item.date().compareTo(chosen.date());
            if (byDate > 0 || byDate == 0 && item.id().compareTo(chosen.id()) < 0) {
                chosen = item;
            }
        }
        List<EvidenceItem> disagreeing = new ArrayList<>(0);
        for (EvidenceItem other : items) {
            if (other == chosen) {
                continue;
            }
            if (other.date().equals(chosen.date()) && !sameValue(chosen.value(), other.value())) {
                disagreeing.add(other);
            }
            notAccepted.add(new NotAccepted(other.id(), NotAcceptedReason.SUPERSEDED));
        }
        disagreeing.sort(Comparator.comparing(EvidenceItem::id));
        for (EvidenceItem other : disagreeing) {
            conflicts.add(conflict(other, chosen));
            conflicts.add(conflict(chosen, other));
        }
        return java.util.Optional.of(chosen);
    }

    private static Problem conflict(EvidenceItem item, EvidenceItem other) {
        return new Problem(item.path(), "CONFLICTING_EVIDENCE",
                "证据冲突：" + item.id() + " 与 " + other.id() + " 同为 " + item.key() + "、同一日期 " + item.date()
                        + "，取值不同",
                "conflicting evidence: " + item.id() + " and " + other.id() + " give " + item.key()
                        + " different values on the same date " + item.date());
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    private static CountedEvidence counted(EvidenceItem item) {
        return new CountedEvidence(item.id(), item.key(), item.value(), item.date(), item.document().orElse(null),
                item.path());
    }

    private void applySurveyValidity(SurveySpec survey, Map<String, CountedEvidence> measures,
                                     List<NotAccepted> notAccepted, Map<String, UnmetCondition> unmet) {
        CountedEvidence respondents = measures.get(survey.respondentsKey());
        BigDecimal minimum = parameters.number(survey.minimumParameter());
        boolean valid = respondents != null && ((BigDecimal) respondents.value()).compareTo(minimum) >= 0;
        if (valid) {
            return;
        }
        for (String key : survey.keys()) {
            unmet.put(key, new UnmetCondition(survey.respondentsKey(), minimum, respondents != null));
            CountedEvidence dropped = measures.remove(key);
            if (dropped != null) {
                notAccepted.add(new NotAccepted(dropped.id(), NotAcceptedReason.INVALID_SURVEY));
            }
        }
    }

    /** Incidents are official records: only their window filters them, never the mode. */
    private List<CountedIncident> incidents(Submission submission) {
        int months = parameters.number(spec.incidentMonthsBack()).intValueExact();
        LocalDate date = submission.assessment().date();
        LocalDate after = date.minusMonths(months);
        List<CountedIncident> counted = new ArrayList<>();
        for (Incident i : submission.incidents()) {
            if (i.date().isAfter(after) && !i.date().isAfter(date)) {
                counted.add(new CountedIncident(i.id(), i.date(), i.level(), i.kind(), i.reportedWithinHours(),
                        i.concealed()));
            }
        }
        counted.sort(Comparator.comparing(CountedIncident::id));
        return counted;
    }
}
