package org.safecounty.rules;

import java.util.List;
import java.util.Set;

/**
 * What rules may use: the fact types of safecounty, named classes of the JDK, and the rule
 * engine's own runtime (its generated code extends and calls it). Anything else is refused both
 * by the class loader rules run in and by the static check of rule files.
 */
public final class RuleAllowList {

    /** Packages whose classes rule code may name. */
    static final List<String> RULE_PACKAGES = List.of("org.safecounty.facts.");

    /** Single classes rule code may name. */
    static final Set<String> RULE_CLASSES = Set.of(
            "org.safecounty.result.Verdict",
            "java.lang.Object", "java.lang.String", "java.lang.Math", "java.lang.Number", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Boolean", "java.lang.Character",
            "java.lang.StringBuilder", "java.lang.Comparable", "java.lang.CharSequence", "java.lang.Iterable",
            "java.lang.IllegalStateException", "java.lang.IllegalArgumentException", "java.lang.ArithmeticException",
            "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode", "java.math.MathContext",
            "java.time.LocalDate", "java.time.Period", "java.time.temporal.ChronoUnit",
            "java.util.List", "java.util.Map", "java.util.Set", "java.util.Collection", "java.util.Iterator",
            "java.util.Map$Entry", "java.util.ArrayList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.HashSet", "java.util.Collections", "java.util.Objects", "java.util.Optional");

    /** Classes that generated code needs but rule text may not name. */
    private static final Set<String> RUNTIME_CLASSES = Set.of(
            "java.lang.Enum", "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
            "java.lang.Error", "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
            "java.lang.NullPointerException", "java.lang.ArithmeticException", "java.lang.ClassCastException",
            "java.lang.Void", "java.lang.Byte", "java.lang.Short", "java.lang.Float", "java.lang.Cloneable",
            "java.lang.AutoCloseable", "java.lang.Override", "java.lang.Deprecated", "java.lang.SuppressWarnings",
            "java.lang.FunctionalInterface", "java.lang.Record", "java.lang.Class",
            "java.io.Serializable", "java.io.Externalizable", "java.io.ObjectInput", "java.io.ObjectOutput",
            "java.io.IOException", "java.lang.ClassNotFoundException");

    /** The rule engine's runtime, which generated rule classes extend and call. */
    private static final List<String> RUNTIME_PACKAGES = List.of("org.drools.", "org.kie.", "org.mvel2.",
            "java.lang.invoke.", "java.util.function.");

    private RuleAllowList() {
    }

    /** Whether rule code, once compiled, may load the class. */
    public static boolean allows(String className) {
        return mayName(className) || RUNTIME_CLASSES.contains(className)
                || RUNTIME_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /** Whether the text of a rule file may name the class. */
    public static boolean mayName(String className) {
        return RULE_CLASSES.contains(className) || RULE_PACKAGES.stream().anyMatch(p -> className.startsWith(p)
                && className.length() > p.length() && className.indexOf('.', p.length()) < 0
                && Character.isJavaIdentifierStart(className.charAt(p.length())));
    }

    /** The simple names rule text may use without an import: those of java.lang on the list. */
    public static Set<String> implicitSimpleNames() {
        return Set.of("Object", "String", "Math", "Number", "Integer", "Long", "Double", "Boolean", "Character",
                "StringBuilder", "Comparable", "CharSequence", "Iterable", "IllegalStateException",
                "IllegalArgumentException", "ArithmeticException");
    }
}
