package org.safecounty;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The published API and the shape of what is behind it, checked on core's compiled classes.
 *
 * <p>The API is three packages: {@code org.safecounty} (the entry points), {@code
 * org.safecounty.submission} (what goes in) and {@code org.safecounty.result} (what comes out,
 * problems included). Everything else is under {@code org.safecounty.internal} and may change
 * without notice; {@code org.safecounty.facts} is the one other package with public types, the
 * vocabulary rule files import by name.
 */
class ArchitectureTest {

    private static final String ROOT = "org.safecounty";
    private static final String[] API = {ROOT, ROOT + ".submission", ROOT + ".result"};
    private static final String[] API_DATA = {ROOT + ".submission", ROOT + ".result"};
    private static final String INTERNAL = ROOT + ".internal..";

    /**
     * The classes rule files name ({@code import org.safecounty.facts.Indicator;}, {@code global
     * org.safecounty.facts.Parameters params;}): public for Drools, and not moved under internal
     * because a rule file's bytes are in its pack's sha256, which every result prints and every
     * approval names, and every pack a province has edited imports them.
     */
    private static final String RULE_VOCABULARY = ROOT + ".facts";

    /**
     * The entry points: a new public type at the top needs a reason and a line here. {@code
     * PackWatcher} is one since embedders swap a serving pack when its folder changes (hot reload,
     * docs/embedding.md), and the swap must be the one that checks a pack as {@code validate} and
     * {@code test} do, not one each embedder writes.
     */
    private static final Set<String> ENTRY_POINTS = Set.of("Assessor", "RulePack", "RulePackException", "PackPolicy",
            "LiveAssessor", "PackWatcher");

    /**
     * Public members of API types that name an internal type, kept on purpose, each with why. A new
     * one fails until it is added here.
     */
    private static final Map<String, String> INTERNAL_IN_API = pairs(
            "org.safecounty.RulePack.load(org.safecounty.internal.pack.PackFiles)",
            "the command line and pack tests load a pack from files already read (validate, test, watch)",
            "org.safecounty.RulePack.load(org.safecounty.internal.pack.PackFiles, org.safecounty.PackPolicy)",
            "as load(PackFiles), under a policy",
            "org.safecounty.RulePack.load(org.safecounty.internal.pack.PackFiles, org.safecounty.PackPolicy, java.util.function.Function, org.safecounty.RulePack)",
            "the policy workbench loads a draft revision reusing its base's rule base",
            "org.safecounty.RulePack.catalogue()",
            "the reports, the comparison and the command line read tasks, keys and verdict levels",
            "org.safecounty.RulePack.files()",
            "the command line's pack sign and approval read the files a pack was loaded from",
            "org.safecounty.PackPolicy.refusal(org.safecounty.internal.pack.PackFiles)",
            "validate reports a refused pack before loading it",
            "org.safecounty.PackPolicy.withCache(org.safecounty.internal.engine.PackCache)",
            "the command line turns the compiled-pack cache on from SAFECOUNTY_CACHE",
            "org.safecounty.PackPolicy.cache()",
            "a record component: PackPolicy carries the cache it was given",
            "org.safecounty.PackPolicy.<init>(java.util.Set, org.safecounty.internal.engine.PackCache)",
            "the record's canonical constructor");

    /** Member → reason, from alternating strings (Map.of takes at most ten pairs). */
    private static Map<String, String> pairs(String... memberThenReason) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < memberThenReason.length; i += 2) {
            m.put(memberThenReason[i], memberThenReason[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void packages_haveNoCycles() {
        SliceAssignment byPackage = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith(ROOT) ? SliceIdentifier.of(c.getPackageName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package of org.safecounty, the top one included";
            }
        };
        slices().assignedFrom(byPackage).should().beFreeOfCycles().check(CORE);
    }

    @Test
    void publicTypes_areInTheApiOrInternal() {
        classes().that().arePublic().and().areTopLevelClasses()
                .should().resideInAnyPackage(ROOT, ROOT + ".submission", ROOT + ".result", INTERNAL, RULE_VOCABULARY)
                .because("the API is three packages; anything else public belongs under org.safecounty.internal")
                .check(CORE);
    }

    @Test
    void theTopPackage_publishesOnlyTheEntryPoints() {
        classes().that().resideInAPackage(ROOT).and().arePublic().and().areTopLevelClasses()
                .should(new ArchCondition<>("be one of " + ENTRY_POINTS) {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        boolean ok = ENTRY_POINTS.contains(c.getSimpleName());
                        events.add(new SimpleConditionEvent(c, ok, c.getName() + " is public in " + ROOT));
                    }
                })
                .check(CORE);
    }

    @Test
    void inputsAndOutputs_dependOnNothingInternal() {
        noClasses().that().resideInAnyPackage(API_DATA)
                .should().dependOnClassesThat().resideInAnyPackage(INTERNAL, RULE_VOCABULARY, ROOT)
                .check(CORE);
    }

    /**
     * The stages below the API never call it; only the tools built on it do (the comparison of two
     * packs, a pack folder's test suite and pack validation), and the API calls none of them. The
     * pack's own cases are read and run below the API, given an assessor as a function, since the
     * API's watcher runs them before it swaps a pack.
     */
    @Test
    void stages_flowOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Data").definedBy(API_DATA)
                .layer("Text").definedBy(ROOT + ".internal.text..")
                .layer("Pack").definedBy(ROOT + ".internal.pack..")
                .layer("Vocabulary").definedBy(RULE_VOCABULARY + "..")
                .layer("Validation").definedBy(ROOT + ".internal.validation..")
                .layer("Catalogue").definedBy(ROOT + ".internal.catalogue..")
                .layer("Rules").definedBy(ROOT + ".internal.rules..")
                .layer("Engine").definedBy(ROOT + ".internal.engine..")
                .layer("Report").definedBy(ROOT + ".internal.report..")
                .layer("PackTests").definedBy(ROOT + ".internal.packtest..")
                .layer("Api").definedBy(ROOT)
                .layer("Tools").definedBy(ROOT + ".internal.compare..", ROOT + ".internal.authoring..")
                .whereLayer("Tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Tools")
                .whereLayer("PackTests").mayOnlyBeAccessedByLayers("Api", "Tools")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Tools")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Api")
                .whereLayer("Rules").mayOnlyBeAccessedByLayers("Engine", "Api")
                .whereLayer("Catalogue").mayOnlyBeAccessedByLayers("PackTests", "Api", "Tools")
                .whereLayer("Validation").mayOnlyBeAccessedByLayers("Catalogue", "Rules", "PackTests", "Api", "Tools")
                .whereLayer("Vocabulary").mayOnlyBeAccessedByLayers("Catalogue", "Rules", "Api", "Tools")
                .whereLayer("Pack").mayOnlyBeAccessedByLayers("Vocabulary", "Validation", "Catalogue", "Rules", "Engine",
                        "Report", "PackTests", "Api", "Tools")
                .whereLayer("Text").mayOnlyBeAccessedByLayers("Pack", "Report", "Api", "Tools")
                .check(CORE);
    }

    @Test
    void apiMembers_nameNoInternalType() {
        DescribedPredicate<JavaMember> publicInPublicApiType = new DescribedPredicate<>("public members of public API types") {
            @Override
            public boolean test(JavaMember m) {
                JavaClass owner = m.getOwner();
                return m.getModifiers().contains(JavaModifier.PUBLIC) && owner.getModifiers().contains(JavaModifier.PUBLIC)
                        && !m.getModifiers().contains(JavaModifier.SYNTHETIC)
                        && List.of(API).contains(owner.getPackageName());
            }
        };
        members().that(publicInPublicApiType)
                .should(new ArchCondition<>("name no internal type, but for the members kept on purpose") {
                    @Override
                    public void check(JavaMember m, ConditionEvents events) {
                        List<JavaType> named = new ArrayList<>();
                        if (m instanceof JavaCodeUnit u) {
                            named.add(u.getReturnType());
                            named.addAll(u.getParameterTypes());
                        } else if (m instanceof JavaField f) {
                            named.add(f.getType());
                        }
                        List<String> internal = named.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
                                .map(JavaClass::getName).filter(n -> n.startsWith(ROOT + ".internal.")).distinct().toList();
                        boolean kept = INTERNAL_IN_API.containsKey(m.getFullName());
                        events.add(new SimpleConditionEvent(m, internal.isEmpty() || kept,
                                m.getFullName() + " names " + internal));
                    }
                })
                .check(CORE);
    }

    @Test
    void theKeptInternalMembers_stillExist() {
        Set<String> present = new java.util.HashSet<>();
        CORE.forEach(c -> c.getMembers().forEach(m -> present.add(m.getFullName())));
        List<String> gone = INTERNAL_IN_API.keySet().stream().filter(k -> !present.contains(k)).sorted().toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), gone, "listed in INTERNAL_IN_API but no longer there");
    }

    @Test
    void noStaticMutableState() {
        fields().that().areStatic().and().areDeclaredInClassesThat().resideInAPackage(ROOT + "..")
                .should().beFinal()
                .because("an assessor is shared between threads and packs are swapped while it runs")
                .check(CORE);
    }
}
