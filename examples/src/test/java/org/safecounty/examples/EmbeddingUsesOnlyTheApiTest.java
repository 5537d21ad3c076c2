package org.safecounty.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The guide's examples are what a government system copies (docs/embedding.md): they use the published API only
 * ({@code org.safecounty}, {@code .submission}, {@code .result}), never {@code org.safecounty.internal},
 * the rule vocabulary or the command line (which may use internals: see its package-info).
 */
class EmbeddingUsesOnlyTheApiTest {

    @Test
    void embeddingExample_usesOnlyTheApi() {
        JavaClasses examples = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.safecounty.examples");
        noClasses().that().resideInAPackage("org.safecounty.examples")
                .should().dependOnClassesThat().resideInAnyPackage("org.safecounty.internal..", "org.safecounty.facts..",
                        "org.safecounty.cli..")
                .check(examples);
    }
}
