package org.safecounty.result;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.safecounty.submission.Mode;

/**
 * The result of assessing one county, with every field the exchange format fixes, and after them
 * the trace of every veto item ({@code vetoChecks}), triggered or not. {@code year}, {@code date}
 * and {@code mode} are the submission's {@code assessment.year}, {@code assessment.date} and
 * {@code assessment.mode}.
 */
public record AssessmentResult(CountyRef county, StandardRef standard, int year, LocalDate date, Mode mode,
                               Verdict verdict,
                               BigDecimal totalScore, BigDecimal baseScore, BigDecimal bonusScore,
                               List<TaskScore> tasks, List<IndicatorResult> indicators, List<BonusResult> bonus,
                               List<VetoResult> vetoes, List<UndecidedVeto> undecidedVetoes,
                               List<NotAccepted> notAccepted, List<RectificationItem> rectification,
                               List<VetoCheck> vetoChecks) {

    public AssessmentResult {
        tasks = List.copyOf(tasks);
        indicators = List.copyOf(indicators);
        bonus = List.copyOf(bonus);
        vetoes = List.copyOf(vetoes);
        undecidedVetoes = List.copyOf(undecidedVetoes);
        notAccepted = List.copyOf(notAccepted);
        rectification = List.copyOf(rectification);
        vetoChecks = List.copyOf(vetoChecks);
    }

    /** The indicator with this id. */
    public IndicatorResult indicator(String id) {
        return indicators.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no indicator " + id));
    }
}
