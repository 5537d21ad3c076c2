package org.safecounty.examples;

// tag::reading[]
import java.util.ArrayList;
import java.util.List;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Explanations;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.TaskScore;
import org.safecounty.result.VetoResult;

/** A result as lines for a person: the verdict, the scores, what fell short and why, what to do. */
public final class ResultSummary {

    /** @param language the explanations' words: Explanations.ZH, Explanations.EN or Explanations.of("xx") */
    public static List<String> lines(AssessmentResult r, Explanations language) {
        List<String> lines = new ArrayList<>();
        // a pack may have levels of its own: compare codes, or ask passes()
        lines.add(r.county().name() + ": " + r.verdict().code() + " (" + r.verdict().zh() + ", " + r.verdict().en()
                + (r.verdict().passes() ? "): passes" : "): does not pass"));
        lines.add("total " + r.totalScore() + " = base " + r.baseScore() + " + bonus " + r.bonusScore());
        for (TaskScore task : r.tasks()) {
            lines.add("  " + task.id() + " " + task.score() + " / " + task.max());
        }
        for (IndicatorResult i : r.indicators()) {
            if (i.status() != IndicatorStatus.MET && i.status() != IndicatorStatus.NOT_APPLICABLE) {
                lines.add("  " + i.id() + " " + i.status() + ": " + language.scored(i.steps(), i.score()));
            }
        }
        for (VetoResult veto : r.vetoes()) {
            lines.add("  veto " + veto.id() + ": " + language.steps(veto.steps()));
        }
        for (RectificationItem item : r.rectification()) {   // the rectification list, 整改清单
            String what = item.indicator() != null ? item.indicator() : item.veto() != null ? item.veto() : "";
            lines.add("  to do: " + item.kind() + " " + what + (item.key() != null ? " " + item.key() : "")
                    + (item.gain() != null ? " (+" + item.gain() + ")" : ""));
        }
        return lines;
    }
}
// end::reading[]
