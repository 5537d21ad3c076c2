package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.safecounty.internal.engine.CompiledPacks;
import org.safecounty.internal.engine.Engine;
import org.safecounty.internal.engine.PackCache;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.rules.HostileForms;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;
import org.slf4j.LoggerFactory;

/**
 * The compiled-pack cache: a pack compiled once loads from it, a damaged or hostile entry is
 * caught and replaced, writers never leave half an entry, and the folder stays under its cap.
 * What came from where is read from {@link PackCache#stats()} and {@link RulePack#source()}, never
 * from timing.
 */
class PackCacheTest {

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger cacheLogger;
    private Logger packsLogger;

    @BeforeEach
    void listen() {
        log.start();
        cacheLogger = (Logger) LoggerFactory.getLogger(PackCache.class);
        packsLogger = (Logger) LoggerFactory.getLogger(CompiledPacks.class);
        cacheLogger.addAppender(log);
        packsLogger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        cacheLogger.detachAppender(log);
        packsLogger.detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The mini pack with one rule file edited (a comment added): a pack no build has compiled before. */
    private Path editedPack() throws IOException {
        Path dir = MiniPack.copyTo(tmp.resolve("mini"));
        Files.writeString(dir.resolve("rules/task-a.drl"), "// edited " + System.nanoTime() + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return dir;
    }

    /** An edited pack, a cache in {@code tmp/cache} and a policy that uses it. */
    private record Cached(Path dir, PackCache cache, PackPolicy policy) {

        RulePack load() {
            return RulePack.load(dir, policy);
        }
    }

    private Cached cached() throws IOException {
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        return new Cached(editedPack(), cache, PackPolicy.any().withCache(cache));
    }

    private static String resultOf(RulePack pack) {
        Outcome outcome = Assessor.of(pack).assess(MiniPack.json(MiniPack.base()));
        return new ResultJson().write(((Outcome.Assessed) outcome).result());
    }

    private static List<Path> entries(PackCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pack")).sorted().toList();
        }
    }

    private static List<Path> allFiles(PackCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.dir())) {
            return files.sorted().toList();
        }
    }

    private static String keyOf(Path packDir) throws IOException {
        PackFiles files = PackFiles.fromDirectory(packDir);
        return PackCache.key(MiniPack.ID, files.sha256(), Engine.version());
    }

    static byte[] payload(String name, int size) {
        byte[] bytes = new byte[size];
        byte[] word = (name + ";").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = word[i % word.length];
        }
        return bytes;
    }

    @Test
    void aSecondLoadOfAnEditedPack_comesFromTheCache_withTheSameResult() throws IOException {
        Cached c = cached();
        PackCache cache = c.cache();

        RulePack first = c.load();
        assertEquals(CompiledPacks.Source.COMPILED, first.source());
        assertEquals(new PackCache.Stats(0, 1, 1, 0), cache.stats());
        assertEquals(1, entries(cache).size());

        RulePack second = c.load();
        assertEquals(CompiledPacks.Source.CACHE, second.source());
        assertEquals(new PackCache.Stats(1, 1, 1, 0), cache.stats());
        assertEquals(first.ruleNames(), second.ruleNames());
        assertEquals(resultOf(first), resultOf(second));
        assertEquals(List.of(), warnings());
    }

    @Test
    void withoutACache_nothingIsWritten_andEachLoadCompiles() throws IOException {
        Path dir = editedPack();
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        RulePack pack = RulePack.load(dir, PackPolicy.any());
        assertEquals(CompiledPacks.Source.COMPILED, pack.source());
        assertFalse(Files.exists(cache.dir()));
    }

    /** The API's way in: a folder named in the policy, made when first written; a second load compiles nothing. */
    @Test
    void withCacheIn_keepsAPackCompiledInTheFolderItNames() throws IOException {
        Path dir = editedPack();
        Path folder = tmp.resolve("service-cache/packs");
        PackPolicy policy = PackPolicy.any().withCacheIn(folder);

        assertEquals(CompiledPacks.Source.COMPILED, RulePack.load(dir, policy).source());
        assertEquals(1, entries(PackCache.at(folder)).size());
        assertEquals(CompiledPacks.Source.CACHE, RulePack.load(dir, policy).source());
        assertEquals(List.of(), warnings());
    }

    enum Damage { FLIPPED_BYTE, TRUNCATED, WRONG_DIGEST, EMPTY, OTHER_KEY }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedEntry_isDetected_compiledAgain_andReplaced(Damage damage) throws IOException {
        Cached c = cached();
        Path dir = c.dir();
        PackCache cache = c.cache();
        RulePack honest = c.load();
        Path entry = entries(cache).get(0);
        byte[] bytes = Files.readAllBytes(entry);
        switch (damage) {
            case FLIPPED_BYTE -> bytes[bytes.length - 100] ^= 0x01;
            case TRUNCATED -> bytes = Arrays.copyOf(bytes, bytes.length - 1000);
            case WRONG_DIGEST -> {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                String digest = text.substring(text.indexOf("\nsha256 ") + 8, text.indexOf("\nsha256 ") + 72);
                String other = HexFormat.of().formatHex(Engine.sha256().digest(digest.getBytes(StandardCharsets.US_ASCII)));
                bytes = text.replace(digest, other).getBytes(StandardCharsets.ISO_8859_1);
            }
            case EMPTY -> bytes = new byte[0];
            case OTHER_KEY -> {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                bytes = text.replaceFirst("\nkey mini-toy-", "\nkey mini-toz-").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        Files.write(entry, bytes);

        RulePack again = c.load();
        assertEquals(CompiledPacks.Source.COMPILED, again.source(), "a damaged entry is not used");
        assertEquals(1, cache.stats().discarded());
        assertEquals(1, warnings().size(), warnings().toString());
        assertTrue(warnings().get(0).contains("damaged"), warnings().toString());
        assertEquals(resultOf(honest), resultOf(again));

        RulePack third = c.load();
        assertEquals(CompiledPacks.Source.CACHE, third.source(), "the damaged entry was replaced by a good one");
        assertEquals(List.of(entry), entries(cache));
    }

    /**
     * Someone who can write the cache folder can also write a digest that matches: an entry whose
     * form holds a class that runs a command, with its digest right, is refused by the bytecode
     * check before the class is defined, removed, and the pack compiled from its rule files.
     */
    @Test
    void aHostileEntryWithACorrectDigest_isRefusedByTheBytecodeCheck() throws IOException {
        Cached c = cached();
        PackCache cache = c.cache();
        RulePack honest = c.load();
        String key = keyOf(c.dir());
        byte[] form = cache.read(key).orElseThrow();
        Path marker = tmp.resolve("ran");
        cache.write(key, HostileForms.withClass(form, "mini/toy/Planted", HostileForms.exec(marker.toString())));
        assertTrue(cache.read(key).isPresent(), "control: the hostile entry's digest is right");

        RulePack loaded = c.load();
        assertFalse(Files.exists(marker), "the planted class ran a command");
        assertEquals(CompiledPacks.Source.COMPILED, loaded.source());
        assertEquals(1, cache.stats().discarded());
        assertTrue(warnings().stream().anyMatch(w -> w.contains("refused") && w.contains("java.lang.Runtime.exec")),
                warnings().toString());
        assertEquals(resultOf(honest), resultOf(loaded));

        RulePack after = c.load();
        assertEquals(CompiledPacks.Source.CACHE, after.source(), "the hostile entry was replaced by the pack's own");
        assertFalse(new String(cache.read(key).orElseThrow(), StandardCharsets.ISO_8859_1).contains("Planted"));
        assertFalse(Files.exists(marker));
    }

    @Test
    void manyThreadsWritingTheSameEntry_leaveOneGoodEntry_andReadersNeverSeeHalfOne() throws Exception {
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        String key = "mini-toy-0123456789abcdef";
        List<byte[]> forms = List.of(payload("first", 300_000), payload("second", 300_001), payload("third", 299_999));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            byte[] form = forms.get(w);
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    cache.write(key, form);
                }
                return null;
            }));
        }
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        for (int r = 0; r < 3; r++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 80; i++) {
                    Optional<byte[]> read = cache.read(key);
                    read.ifPresent(b -> seen.add(forms.stream().anyMatch(f -> Arrays.equals(f, b)) ? "whole" : "other"));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertFalse(seen.contains("other"), "a reader saw bytes that no writer wrote");
        assertEquals(0, cache.stats().discarded(), "a reader saw half an entry");
        assertEquals(120, cache.stats().writes());
        assertEquals(List.of(cache.file(key)), allFiles(cache), "one entry and no temporary file");
        byte[] last = cache.read(key).orElseThrow();
        assertTrue(forms.stream().anyMatch(f -> Arrays.equals(f, last)));
    }

    @Test
    void twoProcessesWritingTheSameEntry_leaveOneGoodEntry() throws Exception {
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        String key = "mini-toy-fedcba9876543210";
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        List<Process> writers = new ArrayList<>();
        for (String name : List.of("alpha", "omega")) {
            writers.add(new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), PackCacheWriter.class.getName(),
                    cache.dir().toString(), key, name, "60").redirectErrorStream(true).start());
        }
        int reads = 0;
        while (writers.stream().anyMatch(Process::isAlive)) {
            Optional<byte[]> read = cache.read(key);
            if (read.isPresent()) {
                reads++;
                byte[] b = read.get();
                assertTrue(Arrays.equals(b, payload("alpha", 100_000)) || Arrays.equals(b, payload("omega", 100_000)),
                        "a reader saw bytes that no writer wrote");
            }
        }
        for (Process p : writers) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("writes=60"), out);
        }
        assertEquals(0, cache.stats().discarded(), "a reader saw half an entry (" + reads + " reads)");
        assertEquals(List.of(cache.file(key)), allFiles(cache), "one entry and no temporary file");
        byte[] last = cache.read(key).orElseThrow();
        assertTrue(Arrays.equals(last, payload("alpha", 100_000)) || Arrays.equals(last, payload("omega", 100_000)));
    }

    @Test
    void eviction_keepsTheFolderUnderItsCap_leastRecentlyUsedFirst() throws IOException {
        PackCache cache = PackCache.at(tmp.resolve("cache")).withMaxBytes(1_000_000);
        long time = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < 4; i++) {
            cache.write("k" + i, payload("k" + i, 200_000));
            Files.setLastModifiedTime(cache.file("k" + i), FileTime.fromMillis(time + i * 1000L));
        }
        // k0 is the oldest written, but read last: it is the most recently used of the four
        assertTrue(cache.read("k0").isPresent());
        for (int i = 4; i < 10; i++) {
            cache.write("k" + i, payload("k" + i, 200_000));
            long total = 0;
            for (Path p : allFiles(cache)) {
                total += Files.size(p);
            }
            assertTrue(total <= cache.maxBytes(), "the folder holds " + total + " bytes after writing k" + i);
            assertTrue(Files.exists(cache.file("k" + i)), "the entry just written stays");
        }
        assertFalse(Files.exists(cache.file("k1")), "k1, the least recently used, went first");
        assertTrue(cache.read("k9").isPresent());
        assertTrue(cache.read("k8").isPresent());
        assertTrue(cache.read("k7").isPresent());
        assertEquals(4, entries(cache).size(), "four entries of about 200 KB fit under 1 MB, five do not");
    }

    @Test
    void aFormLargerThanTheCap_isNotStored() throws IOException {
        PackCache cache = PackCache.at(tmp.resolve("cache")).withMaxBytes(100_000);
        cache.write("big", payload("big", 200_000));
        assertTrue(!Files.exists(cache.dir()) || allFiles(cache).isEmpty());
    }

    @Test
    void aFolderThatCannotBeWritten_isNoError_andIsWarnedOfOnce() throws IOException {
        Path dir = editedPack();
        Path notAFolder = Files.writeString(tmp.resolve("a-file"), "not a folder");
        PackCache cache = PackCache.at(notAFolder.resolve("packs"));
        Cached c = new Cached(dir, cache, PackPolicy.any().withCache(cache));
        RulePack first = c.load();
        RulePack second = c.load();
        assertEquals(CompiledPacks.Source.COMPILED, first.source());
        assertEquals(CompiledPacks.Source.COMPILED, second.source());
        assertEquals(resultOf(first), resultOf(second));
        assertEquals(1, warnings().size(), warnings().toString());
        assertTrue(warnings().get(0).contains("cannot be written"), warnings().toString());
        assertEquals(0, cache.stats().writes());
    }

    @Test
    void anApprovedOnlyPolicy_neverUsesTheCache() {
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        String digest = "0".repeat(64);
        assertEquals(Optional.of(cache), PackPolicy.any().withCache(cache).usableCache());
        assertEquals(Optional.empty(), PackPolicy.approved(Set.of(digest)).withCache(cache).usableCache());
        assertEquals(Optional.empty(), PackPolicy.any().withCache(cache).and(Set.of(digest)).usableCache());
        assertEquals(cache, PackPolicy.any().withCache(cache).and(Set.of(digest)).cache(), "the setting is kept");
    }

    @Test
    void theFolder_isNamedByTheEnvironment() {
        String property = System.getProperty(PackCache.DIR_PROPERTY);
        System.clearProperty(PackCache.DIR_PROPERTY);
        try {
            assertEquals(Path.of("/c/sc"), PackCache.fromEnvironment(Map.of(PackCache.DIR_ENV, "/c/sc", "HOME", "/h")).dir());
            assertEquals(Path.of("/x/safecounty/packs"),
                    PackCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h")).dir());
            assertEquals(Path.of("/h/.cache/safecounty/packs"), PackCache.fromEnvironment(Map.of("HOME", "/h")).dir());
            assertEquals(Path.of("/h/.cache/safecounty/packs"),
                    PackCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")).dir(),
                    "a relative XDG_CACHE_HOME is ignored, as the XDG spec says");
            assertEquals(PackCache.DEFAULT_MAX_BYTES, PackCache.fromEnvironment(Map.of("HOME", "/h")).maxBytes());
            assertEquals(64L << 20, PackCache.fromEnvironment(Map.of("HOME", "/h", PackCache.MAX_MB_ENV, "64")).maxBytes());
            for (String bad : List.of("", "0", "-1", "lots", "1e3")) {
                assertThrows(IllegalArgumentException.class,
                        () -> PackCache.fromEnvironment(Map.of("HOME", "/h", PackCache.MAX_MB_ENV, bad)), bad);
            }
            assertThrows(IllegalArgumentException.class, () -> PackCache.fromEnvironment(Map.of(PackCache.DIR_ENV, " ")));
            System.setProperty(PackCache.DIR_PROPERTY, "/p");
            assertEquals(Path.of("/p"), PackCache.fromEnvironment(Map.of("HOME", "/h")).dir());
            assertEquals(Path.of("/c/sc"), PackCache.fromEnvironment(Map.of(PackCache.DIR_ENV, "/c/sc")).dir());
        } finally {
            if (property == null) {
                System.clearProperty(PackCache.DIR_PROPERTY);
            } else {
                System.setProperty(PackCache.DIR_PROPERTY, property);
            }
        }
    }

    @Test
    void anEntryThroughALink_isNotRead() throws IOException {
        PackCache cache = PackCache.at(tmp.resolve("cache"));
        cache.write("real", payload("real", 1000));
        Files.createSymbolicLink(cache.file("linked"), cache.file("real"));
        assertEquals(Optional.empty(), cache.read("linked"));
        assertArrayEquals(payload("real", 1000), cache.read("real").orElseThrow());
    }
}
