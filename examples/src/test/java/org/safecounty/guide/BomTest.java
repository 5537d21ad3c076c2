package org.safecounty.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The BOM (core/bom/pom.xml) does not inherit the parent, so nothing keeps it in step but this:
 * its version, every version it manages and every plugin version it pins must be the parent's, it
 * must manage the artifacts an embedder depends on, and everything core needs at run time.
 */
class BomTest {

    static final Pom PARENT = Pom.read(Path.of("../pom.xml"));
    static final Pom BOM = Pom.read(Path.of("../core/bom/pom.xml"));
    static final Pom CORE = Pom.read(Path.of("../core/pom.xml"));
    static final Pom RULES = Pom.read(Path.of("../rules/pom.xml"));

    @Test
    void theBom_hasNoParent_andTheParentsCoordinates() {
        assertFalse(BOM.hasParent(), "an imported BOM with a parent brings the parent's whole dependencyManagement");
        assertEquals(PARENT.groupId(), BOM.groupId());
        assertEquals("safecounty-bom", BOM.artifactId());
        assertEquals(PARENT.version(), BOM.version(), "the BOM's version is the build's");
    }

    @Test
    void theBomsProperties_areTheParents() {
        Map<String, String> parent = PARENT.properties();
        BOM.properties().forEach((name, value) -> assertEquals(parent.get(name), value,
                "property " + name + " in core/bom/pom.xml differs from the parent's"));
    }

    @Test
    void everyVersionTheBomManages_isTheOneTheParentManages() {
        List<Pom.Dependency> parent = PARENT.managed();
        for (Pom.Dependency d : BOM.managed()) {
            Pom.Dependency same = parent.stream().filter(p -> p.key().equals(d.key())).findFirst().orElse(null);
            assertNotNull(same, d.key() + " is managed by the BOM but not by the parent");
            assertEquals(same.version(), d.version(), d.key() + ": the BOM's version differs from the parent's");
            assertEquals(same.scope(), d.scope(), d.key() + ": the BOM's scope differs from the parent's");
        }
    }

    @Test
    void theBom_managesWhatAnEmbedderDependsOn_andWhatCoreNeedsAtRunTime() {
        List<String> managed = BOM.managed().stream().map(Pom.Dependency::key).toList();
        assertTrue(managed.contains(PARENT.groupId() + ":" + CORE.artifactId() + ":jar"), managed.toString());
        assertTrue(managed.contains(PARENT.groupId() + ":" + RULES.artifactId() + ":jar"), managed.toString());
        // a dependency core adds at run time must be managed by the BOM: by itself or by a BOM it imports
        List<String> unmanaged = new ArrayList<>();
        for (Pom.Dependency d : CORE.dependencies()) {
            if (d.scope() == null || d.scope().equals("compile") || d.scope().equals("runtime")) {
                boolean covered = BOM.managed().stream().anyMatch(b -> b.groupId().equals(d.groupId())
                        && (b.artifactId().equals(d.artifactId()) || "import".equals(b.scope()))
                        || "import".equals(b.scope()) && d.groupId().startsWith(b.groupId() + "."));
                if (!covered) {
                    unmanaged.add(d.groupId() + ":" + d.artifactId());
                }
            }
        }
        assertEquals(List.of(), unmanaged, "core's run-time dependencies the BOM does not manage");
    }

    @Test
    void theBomsPlugins_areTheParents() {
        Map<String, String> parent = PARENT.pluginVersions();
        BOM.pluginVersions().forEach((plugin, version) -> assertEquals(parent.get(plugin), version,
                plugin + " in core/bom/pom.xml differs from the parent's"));
    }

    @Test
    void theParentBuildsTheBom() {
        String modules = PARENT.project().getElementsByTagName("modules").item(0).getTextContent();
        assertTrue(modules.contains("core/bom"), "the parent's <modules> lists core/bom");
    }
}
