package org.safecounty.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.cli.workbench.Workbench;
import org.safecounty.internal.pack.PackFiles;

/**
 * Attack 16: what the workbench's save lets through. Each test states a claim of docs/workbench.md
 * ("writes only a draft that loads", "names ... not the base pack's id", "a dropped case needs a
 * reason") and a request that breaks it. These fail on the code as it is.
 */
class WorkbenchAttackTest {

    @TempDir
    static Path dir;
    static Path workspace;
    static Workbench bench;

    @BeforeAll
    static void start() throws IOException {
        PackFiles own = PackFiles.fromClasspath("hebei-fds-county-2014", RulePack.class.getClassLoader()).orElseThrow();
        workspace = Files.createDirectories(dir.resolve("workspace")).toRealPath();
        bench = new Workbench(RulePack.load(own), own,
                Map.of("130521.json", Files.readString(Path.of("samples/130521-xingtaixian.json"))), workspace,
                PackPolicy.any());
        bench.setDraft(v2(75, Map.of()));
        Map<String, String> drops = new TreeMap<>();
        bench.test().failed().forEach(f -> drops.put(f.testCase().file().replaceFirst("^tests/", "") + ": "
                + f.testCase().name(), "the line moved to 75"));
        assertEquals(List.of(), bench.setDraft(v2(75, drops)));
    }

    static Workbench.Draft v2(int line, Map<String, String> drops) {
        return new Workbench.Draft(Map.of("V2.satisfaction_min", new Workbench.Change(BigDecimal.valueOf(line), null)), drops);
    }

    /** Saving over an existing folder of the workspace deletes what it held (any folder: another pack, notes …). */
    @Test
    void save_doesNotDeleteAnExistingFolderOfTheWorkspace() throws Exception {
        Path keep = Files.createDirectories(workspace.resolve("keepme"));
        Files.writeString(keep.resolve("notes.txt"), "precious");
        try {
            bench.save("keepme", false);
        } catch (Workbench.Refused expected) {
            // refusing is fine
        }
        assertTrue(Files.exists(keep.resolve("notes.txt")), "save deleted workspace/keepme/notes.txt");
    }

    /** A plain file of the workspace with a name that passes the name rule is deleted and replaced by a folder. */
    @Test
    void save_doesNotDeleteAnExistingFileOfTheWorkspace() throws Exception {
        Path file = workspace.resolve("README.txt");
        Files.writeString(file, "precious");
        try {
            bench.save("README.txt", false);
        } catch (Workbench.Refused expected) {
            // refusing is fine
        }
        assertTrue(Files.isRegularFile(file), "save replaced the file workspace/README.txt by a folder");
    }

    /**
     * The name goes unquoted into pack.yaml's {@code id:}; YAML reads {@code null}, {@code yes}, {@code Off}
     * as null/true/false, so the saved pack has no id or another id than its folder, though the draft that
     * was tested (as {@code <base>-draft}) loaded. Either refuse the name or save a pack whose id is the name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"null", "yes", "Off", "true", "NULL"})
    void save_nameThatYamlReadsAsAnotherType_isRefusedOrKeptAsTheId(String name) throws Exception {
        Workbench.Saved saved;
        try {
            saved = bench.save(name, false);
        } catch (Workbench.Refused expected) {
            return;
        }
        Object id = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readTree(saved.dir().resolve("pack.yaml").toFile()).path("id").asText(null);
        assertEquals(name, id, "the saved pack's id is not its name");
    }

    /** A saved draft takes the id of another bundled standard (here 2016) while it is the 2014 pack revised. */
    @Test
    void save_underTheIdOfAnotherBundledPack_isRefused() {
        assertThrows(Workbench.Refused.class, () -> bench.save("hebei-fds-county-2016", false));
    }

    /** "a dropped case needs a reason": a no-break space or a zero-width space is no reason. */
    @ParameterizedTest
    @ValueSource(strings = {"\u00a0", "\u200b", "\u2060", "\ufeff"})
    void drop_withAnInvisibleReason_isRefused(String why) throws Exception {
        var body = JsonMapper.builder().build().readTree("{\"drops\": {\"vetoes.yaml: V2 whatever\": \"" + why + "\"}}");
        assertThrows(IllegalArgumentException.class,
                () -> Workbench.Draft.fromJson(body, bench.base().parameters().all()));
    }
}
