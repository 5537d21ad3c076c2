package org.safecounty.internal.rules;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.safecounty.facts.BonusItem;
import org.safecounty.facts.Indicator;
import org.safecounty.facts.Parameters;
import org.safecounty.facts.Reading;
import org.safecounty.facts.Scored;
import org.safecounty.facts.Tally;
import org.safecounty.facts.Veto;
import org.safecounty.facts.Worksheet;

/**
 * The whole language a rule pack may speak: the fact types its patterns match, the types it may
 * import, the one global, and every method its conditions and consequences may call, by the class
 * that declares it. Both the check of the rule text ({@link RuleVerifier}) and the check of the
 * bytecode the pack compiles to ({@link BytecodeCheck}) read this one list.
 */
final class RuleVocabulary {

    /** The name and type of the only global a pack may declare. */
    static final String GLOBAL_NAME = "params";
    static final Class<?> GLOBAL_TYPE = Parameters.class;

    /** The types a pattern may match. */
    static final List<Class<?>> FACT_TYPES = List.of(Indicator.class, BonusItem.class, Veto.class, Tally.class);

    /** The types a rule file may import. */
    static final List<Class<?>> IMPORTABLE = List.of(Indicator.class, BonusItem.class, Veto.class, Tally.class,
            Reading.class);

    /** Methods by the vocabulary class that declares them; subclasses inherit them. */
    private static final Map<Class<?>, Set<String>> DECLARED = declared();

    /** Methods of the JDK that compiled conditions may call on the values vocabulary methods return. */
    static final Map<String, Set<String>> JDK_METHODS = Map.of(
            "java/util/List", Set.of("isEmpty", "size", "contains"),
            "java/lang/String", Set.of("equals"),
            "java/math/BigDecimal", Set.of("<init>", "compareTo", "signum"),
            "java/lang/Integer", Set.of("valueOf", "intValue"),
            "java/lang/Boolean", Set.of("valueOf", "booleanValue"));

    private RuleVocabulary() {
    }

    private static Map<Class<?>, Set<String>> declared() {
        Map<Class<?>, Set<String>> m = new LinkedHashMap<>();
        m.put(Worksheet.class, Set.of("getId", "value", "flag", "profile", "ratio", "per", "difference",
                "incidentCount", "incidentsReportedWithin", "incidentsOfLevel", "concealedIncidents"));
        m.put(Scored.class, Set.of("stepped", "reaches", "proportional", "when", "award", "deductEach"));
        m.put(Indicator.class, Set.of("getMax", "getTask"));
        m.put(BonusItem.class, Set.of());
        m.put(Veto.class, Set.of("triggerIfBelow", "triggerIfTrue", "triggerIfAny"));
        m.put(Tally.class, Set.of("getBase", "getBonus", "getTotal", "isVetoTriggered", "isVetoUndecided",
                "getTriggeredVetoes", "keyItemsBelow", "capBonus", "decide", "isPassing", "rectifyVetoes",
                "rectifyUndecidedVetoes", "rectifyMissingEvidence", "rectifyKeyItemsBelow", "rectifyTotalTo"));
        m.put(Parameters.class, Set.of("number", "bands", "texts", "has"));
        m.put(Reading.class, Set.of("atLeast", "below", "above", "isMissing", "isNotApplicable", "hasValue",
                "isTrue"));
        return m;
    }

    /** Whether rules may call {@code method} on a value of {@code type}. */
    static boolean allows(Class<?> type, String method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (DECLARED.getOrDefault(c, Set.of()).contains(method)) {
                return true;
            }
        }
        return false;
    }

    /** Whether compiled rule code may call {@code owner.method} (JVM internal name of the owner). */
    static boolean allowsCall(String owner, String method) {
        Class<?> type = BY_INTERNAL_NAME.get(owner);
        if (type != null) {
            return allows(type, method);
        }
        return JDK_METHODS.getOrDefault(owner, Set.of()).contains(method);
    }

    private static final Map<String, Class<?>> BY_INTERNAL_NAME = byInternalName();

    private static Map<String, Class<?>> byInternalName() {
        Map<String, Class<?>> m = new HashMap<>();
        DECLARED.keySet().forEach(c -> m.put(c.getName().replace('.', '/'), c));
        return m;
    }

    /** A vocabulary class by its simple name, as a rule file imports it. */
    static Optional<Class<?>> importable(String qualifiedName) {
        return IMPORTABLE.stream().filter(c -> c.getName().equals(qualifiedName)).findFirst();
    }
}
