package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.safecounty.result.Problem;

/**
 * Checks what a pack compiled to, not what its text looks like, as the JVM's verifier checks
 * classes rather than source. The executable model turns every condition and consequence into a
 * small class; their code may call only the rule vocabulary ({@link RuleVocabulary}), a few JDK
 * value methods, the engine's null-safe comparisons, and {@code update} (what {@code modify}
 * compiles to). The rest of what the model generates (rule definitions, metadata) may call only
 * the engine's model-building API. No method may jump backwards, so no compiled rule code loops:
 * every consequence runs in bounded time, and the firing cap bounds how often.
 */
final class BytecodeCheck {

    private static final String MODEL_FUNCTIONS = "org/drools/model/functions/";
    /** Where the executable model puts the class that describes the build (its knowledge bases). */
    private static final String PROJECT_MODEL_PACKAGE = "org/drools/project/model";
    private static final Set<String> ENUM_BOILERPLATE = Set.of("<clinit>", "<init>", "values", "valueOf",
            "predicateInformation");
    private static final Set<String> COMPARISONS = Set.of("areNullSafeEquals", "greaterOrEqual", "greaterThan",
            "lessOrEqual", "lessThan", "toBigDecimal", "equals");
    private static final String STRING_CONCAT = "java/lang/invoke/StringConcatFactory";
    private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final java.util.regex.Pattern ANONYMOUS = java.util.regex.Pattern.compile("\\$[0-9]+($|\\$)");
    /** The engine's project-building API, allowed only in the class that describes the build. */
    private static final List<String> PROJECT_OWNERS = List.of("org/kie/api/builder/model/", "org/kie/api/KieServices",
            "org/kie/api/conf/", "org/kie/api/runtime/conf/", "org/kie/util/maven/support/ReleaseIdImpl");

    /** Owners the model-building code may call, by prefix of their internal name. */
    private static final List<String> SCAFFOLD_OWNERS = List.of("org/drools/model/",
            "org/drools/modelcompiler/dsl/", "org/drools/modelcompiler/util/EvaluationUtil", "org/drools/util/DateUtils",
            "java/time/format/DateTimeFormatterBuilder", "java/util/ArrayList", "java/util/List",
            "java/util/Arrays", "java/util/Collections", "java/lang/Object", "java/lang/Enum", "java/lang/String",
            "java/lang/Integer", "java/lang/IllegalArgumentException", "java/lang/RuntimeException",
            "java/math/BigDecimal");

    private final Set<String> generated;
    private final List<Problem> problems = new ArrayList<>();

    private BytecodeCheck(Set<String> generated) {
        this.generated = generated;
    }

    /**
     * @param classes every class the pack compiled to, by internal name
     * @param packages the packages the pack's rule files declare, as internal names ({@code a/b})
     */
    static List<Problem> check(Map<String, byte[]> classes, Set<String> packages) {
        BytecodeCheck check = new BytecodeCheck(classes.keySet());
        classes.forEach((name, bytes) -> check.checkClass(name, bytes, packages));
        return check.problems;
    }

    private void checkClass(String name, byte[] bytes, Set<String> packages) {
        String pkg = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : "";
        boolean projectModel = pkg.equals(PROJECT_MODEL_PACKAGE) && name.startsWith(PROJECT_MODEL_PACKAGE + "/ProjectModel");
        if (!projectModel && packages.stream().noneMatch(p -> pkg.equals(p) || pkg.startsWith(p + "/"))) {
            refuse(name, "类位于规则包的包之外", "a class outside the packages the pack declares");
            return;
        }
        ClassNode cls = new ClassNode();
        new ClassReader(bytes).accept(cls, 0);
        if ((cls.access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) != 0 || ANONYMOUS.matcher(cls.name).find()) {
            refuse(name, "生成的代码中出现了接口或匿名类", "an interface or anonymous class among the generated code");
            return;
        }
        boolean lambda = cls.interfaces.stream().anyMatch(i -> i.startsWith(MODEL_FUNCTIONS));
        for (MethodNode m : cls.methods) {
            if (m.name.equals("<clinit>") && cls.name.contains("RuleMethods")) {
                refuse(name, "规则定义类中出现了静态初始化", "a static initialiser in the class of rule definitions");
            }
            if (lambda && ENUM_BOILERPLATE.contains(m.name)) {
                checkMethod(cls, m, Kind.BOILERPLATE);
            } else if (lambda || m.name.startsWith("lambda$")) {
                checkMethod(cls, m, Kind.LOGIC);
            } else {
                checkMethod(cls, m, Kind.SCAFFOLD);
            }
        }
    }

    private enum Kind { LOGIC, BOILERPLATE, SCAFFOLD }

    private void checkMethod(ClassNode cls, MethodNode m, Kind kind) {
        String where = cls.name.replace('/', '.') + "." + m.name;
        if (kind == Kind.LOGIC && !m.tryCatchBlocks.isEmpty()) {
            refuse(where, "规则代码不得捕获异常", "rule code may not catch exceptions");
        }
        for (AbstractInsnNode in : m.instructions) {
            checkBackward(where, m, in);
            String refused = refused(cls, in, kind);
            if (refused != null) {
                refuse(where, "调用了规则词汇之外的 " + refused, "reaches " + refused
                        + ", which is not in the rule vocabulary");
            }
        }
    }

    private void checkBackward(String where, MethodNode m, AbstractInsnNode in) {
        List<LabelNode> targets = new ArrayList<>();
        if (in instanceof JumpInsnNode j) {
            targets.add(j.label);
        } else if (in instanceof TableSwitchInsnNode t) {
            targets.add(t.dflt);
            targets.addAll(t.labels);
        } else if (in instanceof LookupSwitchInsnNode l) {
            targets.add(l.dflt);
            targets.addAll(l.labels);
        }
        int at = m.instructions.indexOf(in);
        if (targets.stream().anyMatch(t -> m.instructions.indexOf(t) <= at)) {
            refuse(where, "编译后的规则代码含有循环（向回跳转）", "compiled rule code loops (jumps backwards)");
        }
    }

    /** What the instruction reaches that this kind of code may not, or {@code null}. */
    private String refused(ClassNode cls, AbstractInsnNode in, Kind kind) {
        int op = in.getOpcode();
        if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
            return "synchronized";
        }
        if (in instanceof MethodInsnNode mi) {
            return allowedCall(cls, mi, kind) ? null : mi.owner.replace('/', '.') + "." + mi.name;
        }
        if (in instanceof FieldInsnNode fi) {
            return allowedField(fi, kind) ? null : fi.owner.replace('/', '.') + "." + fi.name;
        }
        if (in instanceof InvokeDynamicInsnNode indy) {
            return refusedIndy(cls, indy, kind);
        }
        if (in instanceof LdcInsnNode ldc && (ldc.cst instanceof Handle || ldc.cst instanceof ConstantDynamic)) {
            return "a method handle constant";
        }
        if (kind == Kind.LOGIC && (op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY || op == Opcodes.MULTIANEWARRAY)
                && !emptyNameList(in)) {
            return "new array";
        }
        if (in instanceof TypeInsnNode ti && op == Opcodes.NEW) {
            return allowedNew(cls, ti.desc, kind) ? null : "new " + ti.desc.replace('/', '.');
        }
        return null;
    }

    /**
     * String concatenation anywhere; a lambda only in the rule definitions, and then its target
     * method is checked as if the code called it directly.
     */
    private String refusedIndy(ClassNode cls, InvokeDynamicInsnNode indy, Kind kind) {
        if (indy.bsm.getOwner().equals(STRING_CONCAT)) {
            return null;
        }
        if (kind != Kind.SCAFFOLD || !indy.bsm.getOwner().equals(LAMBDA_FACTORY)) {
            return "invokedynamic " + indy.bsm.getOwner().replace('/', '.');
        }
        for (Object arg : indy.bsmArgs) {
            if (arg instanceof Handle h && !(generated.contains(h.getOwner()) && h.getName().startsWith("lambda$"))
                    && !allowedCall(cls, h.getOwner(), h.getName(), kind)) {
                return "a method reference to " + h.getOwner().replace('/', '.') + "." + h.getName();
            }
        }
        return null;
    }

    /** {@code new String[0]}: the empty property list that {@code modify} passes to {@code update}. */
    private static boolean emptyNameList(AbstractInsnNode in) {
        AbstractInsnNode before = in.getPrevious();
        while (before != null && before.getOpcode() < 0) {
            before = before.getPrevious();
        }
        return in instanceof TypeInsnNode t && in.getOpcode() == Opcodes.ANEWARRAY && t.desc.equals("java/lang/String")
                && before != null && before.getOpcode() == Opcodes.ICONST_0;
    }

    private boolean allowedCall(ClassNode cls, MethodInsnNode mi, Kind kind) {
        return allowedCall(cls, mi.owner, mi.name, kind);
    }

    private boolean allowedCall(ClassNode cls, String owner, String name, Kind kind) {
        if (generated.contains(owner)) {
            return true;
        }
        MethodInsnNode mi = new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, "()V");
        return switch (kind) {
            case LOGIC -> RuleVocabulary.allowsCall(mi.owner, mi.name)
                    || mi.owner.equals("org/drools/modelcompiler/util/EvaluationUtil") && COMPARISONS.contains(mi.name)
                    || mi.owner.equals("org/drools/model/Drools") && mi.name.equals("update");
            case BOILERPLATE -> mi.owner.equals("java/lang/Enum") || mi.owner.equals("java/lang/Object")
                    || mi.owner.equals("java/lang/System") && mi.name.equals("arraycopy")
                    || mi.owner.startsWith("[") && mi.name.equals("clone")
                    || mi.owner.equals(MODEL_FUNCTIONS + "PredicateInformation");
            case SCAFFOLD -> SCAFFOLD_OWNERS.stream().anyMatch(mi.owner::startsWith)
                    || projectModel(cls) && PROJECT_OWNERS.stream().anyMatch(mi.owner::startsWith)
                    || mi.owner.startsWith("[") && mi.name.equals("clone")
                    || mi.owner.equals("java/lang/System") && mi.name.equals("arraycopy");
        };
    }

    private boolean allowedField(FieldInsnNode fi, Kind kind) {
        boolean write = fi.getOpcode() == Opcodes.PUTSTATIC || fi.getOpcode() == Opcodes.PUTFIELD;
        if (generated.contains(fi.owner)) {
            return !write || kind != Kind.LOGIC;
        }
        if (write) {
            return false;
        }
        return kind == Kind.SCAFFOLD && SCAFFOLD_OWNERS.stream().anyMatch(fi.owner::startsWith)
                || kind == Kind.SCAFFOLD && PROJECT_OWNERS.stream().anyMatch(fi.owner::startsWith)
                || kind == Kind.SCAFFOLD && fi.owner.equals("java/util/Locale");
    }

    private boolean allowedNew(ClassNode cls, String type, Kind kind) {
        return switch (kind) {
            case LOGIC -> type.equals("java/math/BigDecimal"); // a number written in a condition
            case BOILERPLATE -> type.equals(cls.name) || type.equals(MODEL_FUNCTIONS + "PredicateInformation");
            case SCAFFOLD -> generated.contains(type) || SCAFFOLD_OWNERS.stream().anyMatch(type::startsWith)
                    || projectModel(cls) && PROJECT_OWNERS.stream().anyMatch(type::startsWith);
        };
    }

    private static boolean projectModel(ClassNode cls) {
        return cls.name.startsWith(PROJECT_MODEL_PACKAGE + "/ProjectModel");
    }

    private void refuse(String where, String zh, String en) {
        problems.add(new Problem("rules/", "SANDBOX", "编译结果检查：" + where + " " + zh,
                "compiled code check: " + where + " " + en));
    }
}
