package org.safecounty.internal.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
import org.safecounty.facts.Band;
import org.safecounty.facts.BonusItem;
import org.safecounty.facts.CountyFacts;
import org.safecounty.facts.Indicator;
import org.safecounty.facts.Parameter;
import org.safecounty.facts.Parameters;
import org.safecounty.facts.Tally;
import org.safecounty.facts.Veto;
import org.safecounty.facts.VetoState;
import org.safecounty.facts.Worksheet;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.Scoring;
import org.safecounty.result.BonusResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.ParameterUse;
import org.safecounty.result.Problem;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.VetoCheck;
import org.safecounty.result.VetoResult;

/**
 * Runs a pack's rules for one county in two phases: first every indicator, bonus item and veto
 * is scored on its worksheet; then the {@link Tally} of those scores is inserted and the verdict
 * rules decide. Each call uses a session of its own, so one evaluator serves many threads.
 */
public final class Evaluator {

    /** The global through which rules read the pack's parameters. */
    public static final String PARAMS = "params";

    private final KieSessionsPool sessions;
    private final PackCatalogue catalogue;
    private final Parameters parameters;
    private final boolean rulesReadParameters;
    private final Map<String, List<ParameterUse>> parameterUses;
    private final RunLimits limits;

    /**
     * @param container the compiled rules; sessions come from a pool of its own, reset when they
     *                  are given back, so that no assessment pays for building one
     */
    public Evaluator(KieBase kieBase, KieContainer container, PackCatalogue catalogue, Parameters parameters) {
        this(kieBase, container, catalogue, parameters, Map.of());
    }

    /**
     * @param ruleParameters rule name → the names of the parameters its text reads
     *                       ({@link RuleParameters#scan}), attached to each result as its trace
     */
    public Evaluator(KieBase kieBase, KieContainer container, PackCatalogue catalogue, Parameters parameters,
                     Map<String, List<String>> ruleParameters) {
        this(kieBase, container, catalogue, parameters, ruleParameters, RunLimits.DEFAULT);
    }

    /** @param limits how many firings and how much time one county's rules may take */
    public Evaluator(KieBase kieBase, KieContainer container, PackCatalogue catalogue, Parameters parameters,
                     Map<String, List<String>> ruleParameters, RunLimits limits) {
        this.limits = limits;
        this.parameterUses = parameterUses(ruleParameters, parameters);
        this.sessions = container.newKieSessionsPool(2);
        this.catalogue = catalogue;
        this.parameters = parameters;
        this.rulesReadParameters = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getGlobalVariables().stream()).anyMatch(g -> g.getName().equals(PARAMS));
    }

    /** What the rules made of one county, or the problems that stopped them. */
    public record Evaluation(List<IndicatorResult> indicators, List<BonusResult> bonus, List<VetoResult> vetoes,
                             List<UndecidedVeto> undecided, Tally tally, List<Problem> problems,
                             List<String> rulesFired, List<VetoCheck> vetoChecks) {
    }

    public Evaluation evaluate(CountyFacts facts) {
        List<Indicator> indicators = catalogue.indicators().map(s -> new Indicator(s, facts)).toList();
        List<BonusItem> bonus = catalogue.bonus().stream().map(s -> new BonusItem(s, facts)).toList();
        List<Veto> vetoes = catalogue.vetoes().stream().map(s -> new Veto(s, facts)).toList();
        KieSession session = sessions.newKieSession();
        RecordFiredRules recorder = new RecordFiredRules(System.nanoTime() + limits.deadline().toNanos(),
                limits.maxBytes());
        boolean broken = false;
        try {
            if (rulesReadParameters) {
                session.setGlobal(PARAMS, parameters);
            }
            session.addEventListener(recorder);
            session.addEventListener(recorder.updates);
            session.insert(facts.profile());
            facts.incidents().forEach(session::insert);
            indicators.forEach(session::insert);
            bonus.forEach(session::insert);
            vetoes.forEach(session::insert);
            int fired = session.fireAllRules(limits.maxFirings());
            Problem stopped = stopped(recorder, fired, limits.maxFirings(), limits.maxFirings());
            if (stopped != null) {
                broken = true;
                return failed(List.of(stopped));
            }
            List<Problem> problems = new ArrayList<>(facts.inconsistencies());
            problems.addAll(unscored(indicators, bonus, vetoes));
            if (!problems.isEmpty()) {
                return failed(problems);
            }
            List<IndicatorResult> indicatorResults = indicators.stream().map(this::indicatorResult).toList();
            List<BonusResult> bonusResults = bonus.stream().map(this::bonusResult).toList();
            Tally tally = new Tally(indicatorResults,
                    bonusResults.stream().map(BonusResult::score).reduce(BigDecimal.ZERO, BigDecimal::add),
                    vetoes.stream().filter(v -> v.state() == VetoState.TRIGGERED).map(Worksheet::getId).toList(),
                    undecided(vetoes), indicators.stream().collect(Collectors.toMap(Worksheet::getId, i -> i)),
                    catalogue.verdicts(), catalogue.scoring());
            session.insert(tally);
            int left = limits.maxFirings() - fired;
            stopped = stopped(recorder, session.fireAllRules(left), left, limits.maxFirings());
            if (stopped != null) {
                broken = true;
                return failed(List.of(stopped));
            }
            if (tally.getVerdict() == null) {
                return failed(List.of(new Problem("rules/", "NO_VERDICT", "没有规则给出结论", "no rule decided the verdict")));
            }
            return new Evaluation(indicatorResults, bonusResults, vetoResults(vetoes),
                    vetoes.stream().filter(v -> v.state() == VetoState.UNDECIDED)
                            .map(v -> new UndecidedVeto(v.getId(), v.missingKeys())).toList(),
                    tally, List.of(), List.copyOf(recorder.fired), vetoChecks(vetoes));
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(List.of(new Problem("rule \"" + rule + "\"", "RULE_FAILED",
                    "规则 \"" + rule + "\" 执行出错：" + cause.getMessage(),
                    "rule \"" + rule + "\" failed: " + cause.getMessage())));
        } catch (LinkageError e) {
            // a rule reaching a class the sandbox does not lend out
            return failed(List.of(new Problem("rules/", "RULE_FAILED", "规则使用了不允许的类：" + e.getMessage(),
                    "a rule used a class that is not available to rule packs: " + e.getMessage())));
        } catch (VirtualMachineError e) {
            // a rule that ran out of stack or memory ends this county only; its session is destroyed, not
            // disposed (Drools' pool may still reset and reuse it: BoundedRunTest shows the next county starts clean)
            broken = true;
            String rule = recorder.current == null ? "?" : recorder.current;
            return failed(List.of(new Problem("rule \"" + rule + "\"", "RULE_FAILED",
                    "规则 \"" + rule + "\" 执行时耗尽资源（" + e.getClass().getSimpleName() + "）",
                    "rule \"" + rule + "\" ran out of resources (" + e.getClass().getSimpleName() + ")")));
        } catch (RuntimeException e) {
            // a condition that throws: Drools names the rule and constraint in its message
            return failed(List.of(new Problem("rules/", "RULE_FAILED", "规则条件执行出错：" + e.getMessage(),
                    "a rule condition failed: " + e.getMessage())));
        } finally {
            session.removeEventListener(recorder);
            session.removeEventListener(recorder.updates);
            if (broken) {
                session.destroy();
            } else {
                session.dispose();
            }
        }
    }

    private IndicatorResult indicatorResult(Indicator i) {
        IndicatorSpec spec = i.spec();
        BigDecimal score = catalogue.scoring().round(i.points());
        String rule = i.rules().get(0);
        return new IndicatorResult(spec.id(), spec.task(), score, spec.max(), status(i, score), spec.keyItem(),
                i.evidence(), i.missingKeys(), rule, i.explanationSteps(), parameterUses(rule), i.documents());
    }

    private IndicatorStatus status(Indicator i, BigDecimal score) {
        if (i.hasMissing()) {
            return IndicatorStatus.MISSING;
        }
        int vsMax = score.compareTo(i.getMax());
        BigDecimal notApplicableScores = catalogue.scoring().notApplicable() == Scoring.NotApplicable.ZERO
                ? BigDecimal.ZERO : i.getMax();
        if (i.allPartsNotApplicable() && score.compareTo(notApplicableScores) == 0) {
            return IndicatorStatus.NOT_APPLICABLE;
        }
        if (vsMax >= 0) {
            return IndicatorStatus.MET;
        }
        return score.signum() == 0 ? IndicatorStatus.NOT_MET : IndicatorStatus.PARTIAL;
    }

    private BonusResult bonusResult(BonusItem b) {
        BigDecimal score = catalogue.scoring().round(b.points());
        String rule = b.rules().get(0);
        return new BonusResult(b.getId(), score, b.evidence(), rule, b.explanationSteps(), parameterUses(rule),
                b.documents());
    }

    private List<VetoResult> vetoResults(List<Veto> vetoes) {
        return vetoes.stream().filter(v -> v.state() == VetoState.TRIGGERED)
                .map(v -> new VetoResult(v.getId(), v.evidence(), v.rules().get(0), v.explanationSteps(),
                        parameterUses(v.rules().get(0)), v.documents()))
                .toList();
    }

    private List<VetoCheck> vetoChecks(List<Veto> vetoes) {
        return vetoes.stream().map(v -> new VetoCheck(v.getId(), v.state().name(), v.evidence(), v.rules().get(0),
                v.explanationSteps(), parameterUses(v.rules().get(0)), v.documents())).toList();
    }

    /** The parameters a rule's text reads, with their values, in the order the rule names them. */
    private List<ParameterUse> parameterUses(String rule) {
        return parameterUses.getOrDefault(rule, List.of());
    }

    /** For each rule, the parameters its text reads with their values: the pack's, so built once. */
    private static Map<String, List<ParameterUse>> parameterUses(Map<String, List<String>> ruleParameters,
                                                                 Parameters parameters) {
        Map<String, List<ParameterUse>> uses = new java.util.HashMap<>();
        ruleParameters.forEach((rule, names) -> uses.put(rule, names.stream().filter(parameters::has)
                .map(name -> new ParameterUse(name, value(parameters.all().get(name)))).toList()));
        return Map.copyOf(uses);
    }

    private static Object value(Parameter p) {
        if (p.number() != null) {
            return p.number();
        }
        if (p.bands() != null) {
            return String.join("; ", p.bands().stream().map(Evaluator::band).toList());
        }
        return p.texts();
    }

    private static String band(Band b) {
        return "≥" + plain(b.atLeast()) + "→" + plain(b.points());
    }

    private static Map<String, List<String>> undecided(List<Veto> vetoes) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        vetoes.stream().filter(v -> v.state() == VetoState.UNDECIDED).forEach(v -> map.put(v.getId(), v.missingKeys()));
        return map;
    }

    private static List<Problem> unscored(List<Indicator> indicators, List<BonusItem> bonus, List<Veto> vetoes) {
        List<Problem> problems = new ArrayList<>();
        List<Worksheet> all = new ArrayList<>(indicators);
        all.addAll(bonus);
        all.addAll(vetoes);
        for (Worksheet w : all) {
            if (w.rules().isEmpty()) {
                problems.add(new Problem("rules/", "NOT_SCORED", "没有规则处理 " + w.getId(), "no rule handled " + w.getId()));
            } else if (w.rules().size() > 1) {
                problems.add(new Problem("rules/", "SCORED_TWICE", w.getId() + " 被多条规则处理：" + w.rules(),
                        w.getId() + " was handled by several rules: " + w.rules()));
            }
        }
        return problems;
    }

    private static Evaluation failed(List<Problem> problems) {
        return new Evaluation(List.of(), List.of(), List.of(), List.of(), null, List.copyOf(problems), List.of(),
                List.of());
    }

    private static String plain(BigDecimal d) {
        return org.safecounty.result.Explanations.plain(d);
    }

    /**
     * A problem when the run stopped at a limit, else {@code null}; it names the rule that modified
     * facts most often (the one that keeps setting rules off again), or else the one that fired most.
     */
    private static Problem stopped(RecordFiredRules recorder, int fired, int cap, int totalCap) {
        List<String> named = recorder.updates.byRule.isEmpty() ? recorder.fired : recorder.updates.byRule;
        String rule = named.stream().collect(Collectors.groupingBy(r -> r, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        if (recorder.overBudget) {
            return new Problem("rule \"" + rule + "\"", "RULE_MEMORY", "规则占用内存超过上限（" + (recorder.maxBytes >> 20)
                    + " MiB），执行最多的规则是 \"" + rule + "\"", "the rules allocated more than " + (recorder.maxBytes >> 20)
                    + " MiB; the rule that fired most was \"" + rule + "\"");
        }
        if (recorder.pastDeadline) {
            return new Problem("rule \"" + rule + "\"", "RULE_TIMEOUT", "规则运行超时，执行最多的规则是 \"" + rule + "\"",
                    "the rules ran past their time limit; the rule that fired most was \"" + rule + "\"");
        }
        if (fired >= cap) {
            return new Problem("rule \"" + rule + "\"", "RULE_LOOP", "规则执行次数超过上限（" + totalCap + "），"
                    + "可能是 modify 反复触发了规则 \"" + rule + "\"", "the rules fired more than " + totalCap
                    + " times, perhaps modify set off rule \"" + rule + "\" again and again");
        }
        return null;
    }

    /** The rules that modified a fact, once per modification. */
    private static final class RecordUpdates extends org.kie.api.event.rule.DefaultRuleRuntimeEventListener {
        private final List<String> byRule = new ArrayList<>();

        @Override
        public void objectUpdated(org.kie.api.event.rule.ObjectUpdatedEvent event) {
            if (event.getRule() != null) {
                byRule.add(event.getRule().getName());
            }
        }
    }

    /**
     * Tells each worksheet, and the tally, which rule fired on it, keeps every rule that fired, and
     * halts the session once the county's deadline has passed.
     */
    private static final class RecordFiredRules extends DefaultAgendaEventListener {
        private final List<String> fired = new ArrayList<>();
        private final RecordUpdates updates = new RecordUpdates();
        private final long deadline;
        private final long maxBytes;
        private final com.sun.management.ThreadMXBean hotspot;
        private final long startBytes;
        private String current;
        private boolean pastDeadline;
        private boolean overBudget;

        RecordFiredRules(long deadline, long maxBytes) {
            this.deadline = deadline;
            this.maxBytes = maxBytes;
            this.hotspot = java.lang.management.ManagementFactory.getThreadMXBean()
                    instanceof com.sun.management.ThreadMXBean bean ? bean : null;
            this.startBytes = allocatedByThisThread();
        }

        /** Bytes this thread has allocated so far, or -1 where the JVM cannot tell. */
        private long allocatedByThisThread() {
            // the current-thread form: no thread id lookup, no array, so checking after every firing stays cheap
            return hotspot != null ? hotspot.getCurrentThreadAllocatedBytes() : -1;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            current = event.getMatch().getRule().getName();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            String rule = event.getMatch().getRule().getName();
            fired.add(rule);
            if (System.nanoTime() - deadline > 0) {
                pastDeadline = true;
                ((KieSession) event.getKieRuntime()).halt();
            }
            if (startBytes >= 0 && allocatedByThisThread() - startBytes > maxBytes) {
                overBudget = true;
                ((KieSession) event.getKieRuntime()).halt();
            }
            for (Object o : event.getMatch().getObjects()) {
                if (o instanceof Worksheet w) {
                    w.firedBy(rule);
                } else if (o instanceof Tally t) {
                    t.decidedBy(rule);
                }
            }
        }
    }
}
