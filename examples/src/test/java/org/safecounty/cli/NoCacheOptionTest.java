package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.BundledPackCopy;
import org.safecounty.internal.engine.PackCache;

/**
 * The command line keeps compiled packs in the cache folder ({@code SAFECOUNTY_CACHE} here), and
 * with {@code --no-cache} every command that loads a pack neither reads nor writes it.
 */
class NoCacheOptionTest {

    private static final String SAMPLE = "samples/130123-zhengding.json";

    @TempDir
    Path tmp;

    /** A copy of the 2014 pack with a comment added to a rule file: no build compiled it before. */
    private Path editedPack() throws IOException {
        Path pack = BundledPackCopy.into(tmp);
        Files.writeString(pack.resolve("rules/bonus.drl"), "// edited\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return pack;
    }

    private static List<Path> cached(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.toList();
        }
    }

    @Test
    void assess_keepsTheCompiledPack_andWithNoCacheWritesNothing() throws IOException {
        Path pack = editedPack();
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of(PackCache.DIR_ENV, cache.toString());

        CliRun bypassed = CliRun.withEnv(env, "assess", "--no-cache", "--rules", pack.toString(), SAMPLE);
        assertEquals(0, bypassed.status(), bypassed.err());
        assertEquals(List.of(), cached(cache), "--no-cache wrote to the cache");
        assertFalse(Files.exists(cache));

        CliRun first = CliRun.withEnv(env, "assess", "--rules", pack.toString(), SAMPLE);
        assertEquals(0, first.status(), first.err());
        assertEquals(1, cached(cache).size(), "the compiled pack is kept: " + cached(cache));
        assertTrue(cached(cache).get(0).getFileName().toString().startsWith("hebei-fds-county-2014-"));

        CliRun second = CliRun.withEnv(env, "assess", "--rules", pack.toString(), SAMPLE);
        assertEquals(first.out(), second.out());
        assertEquals(bypassed.out(), second.out());
        assertEquals(1, cached(cache).size());
    }

    @Test
    void everyCommandThatLoadsAPack_takesNoCache() throws IOException {
        Path pack = editedPack();
        Path cache = tmp.resolve("cache");
        Map<String, String> env = Map.of(PackCache.DIR_ENV, cache.toString());
        List<List<String>> commands = List.of(
                List.of("validate", "--no-cache", pack.toString()),
                List.of("report", "--no-cache", "--rules", pack.toString(), "--out", tmp.resolve("report").toString(), SAMPLE),
                List.of("diff", "--no-cache", "--from", pack.toString(), "--to", "hebei-fds-county-2016", SAMPLE),
                List.of("assess", "--no-cache", "--format", "json", "--rules", pack.toString(), SAMPLE),
                List.of("test", "--no-cache", pack.toString()));
        for (List<String> command : commands) {
            CliRun run = CliRun.withEnv(env, command.toArray(String[]::new));
            assertEquals(0, run.status(), command + ": " + run.err());
            assertEquals(List.of(), cached(cache), command + " wrote to the cache");
        }
    }
}
