package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.List;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.safecounty.result.Problem;

/**
 * Checks a compiled rule base for anything that would evaluate MVEL while assessing: every
 * constraint and every consequence must be one the executable model compiled to Java (whose
 * bytecode {@link BytecodeCheck} has read). A rule base that holds an MVEL node is refused.
 */
final class MvelFreeCheck {

    private static final String MODEL_RUNTIME = "org.drools.modelcompiler.";

    private MvelFreeCheck() {
    }

    static List<Problem> check(KieBase base) {
        List<Problem> problems = new ArrayList<>();
        for (var pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String consequence = impl.getConsequence() == null ? "none" : impl.getConsequence().getClass().getName();
                if (!consequence.startsWith(MODEL_RUNTIME)) {
                    problems.add(refused(rule.getName(), consequence));
                }
                constraints(impl.getLhs(), rule.getName(), problems);
            }
        }
        return problems;
    }

    private static void constraints(RuleConditionElement element, String rule, List<Problem> problems) {
        if (element instanceof Pattern p) {
            for (Constraint c : p.getConstraints()) {
                String type = c.getClass().getName();
                if (!type.startsWith(MODEL_RUNTIME)) {
                    problems.add(refused(rule, type));
                }
            }
        }
        element.getNestedElements().forEach(child -> constraints(child, rule, problems));
    }

    private static Problem refused(String rule, String type) {
        return new Problem("rules/", "SANDBOX", "规则 \"" + rule + "\" 编译为会求值 MVEL 的节点（" + type + "）",
                "rule \"" + rule + "\" compiled to a node that would evaluate MVEL (" + type + ")");
    }
}
