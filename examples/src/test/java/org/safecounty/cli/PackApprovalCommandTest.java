package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.BundledPackCopy;
import org.safecounty.PackPolicy;

/**
 * Every command that loads a pack takes the approved digests from {@code --approved}, from
 * {@code SAFECOUNTY_APPROVED}, from {@code --settings FILE} and from the file
 * {@code SAFECOUNTY_SETTINGS} names; once any is configured, a pack without a manifest or with an
 * unapproved digest (bundled packs too) is refused with one line and exit status 64. The
 * environment is given to the command line ({@link SafecountyCommand#commandLine(Map)}); the real
 * one is never changed.
 */
class PackApprovalCommandTest {

    static final String SAMPLE = "samples/130983-huanghua.json";
    static final String OTHER = "0".repeat(64);

    @TempDir
    static Path dir;

    static Path signed;
    static Path unsigned;
    static String digest;
    static Path signed2016;
    static String digest2016;

    @BeforeAll
    static void signCopiesOfTheBundledPacks() throws IOException {
        signed = BundledPackCopy.into(dir.resolve("signed"));
        unsigned = BundledPackCopy.into(dir.resolve("unsigned"));
        digest = sign(signed);
        signed2016 = Files.createDirectories(dir.resolve("signed-2016"));
        copyTree(Path.of("../rules/hebei-fds-county-2016"), signed2016);
        digest2016 = sign(signed2016);
    }

    static String sign(Path pack) {
        CliRun sign = CliRun.of("pack", "sign", pack.toString());
        assertEquals(0, sign.status(), sign.err());
        Matcher m = Pattern.compile("manifest digest: ([0-9a-f]{64})").matcher(sign.out());
        assertTrue(m.find(), sign.out());
        return m.group(1);
    }

    /** Each way to configure approved digests: extra arguments and an environment. */
    record Source(String name, List<String> args, Map<String, String> env) {
    }

    /** The four ways to approve these digests (and the signed 2016 pack, which diff compares with). */
    static List<Source> sources(String approved) throws IOException {
        String digests = approved + "," + digest2016;
        Path settings = Files.writeString(Files.createTempFile(dir, "settings", ".yaml"),
                "# approved by the provincial office\napproved:\n  - " + approved + "\n  - " + digest2016 + "\n");
        return List.of(
                new Source("--approved", List.of("--approved", digests), Map.of()),
                new Source(PackPolicy.APPROVED_ENV, List.of(), Map.of(PackPolicy.APPROVED_ENV, digests)),
                new Source("--settings", List.of("--settings", settings.toString()), Map.of()),
                new Source(PackPolicy.SETTINGS_ENV, List.of(), Map.of(PackPolicy.SETTINGS_ENV, settings.toString())));
    }

    /** Each command that loads {@code pack}, with the source's arguments; diff with it as --from and as --to. */
    static List<List<String>> commands(String pack, Source s) throws IOException {
        Path out = Files.createTempDirectory(dir, "report");
        String other = signed2016.toString();
        List<List<String>> all = new ArrayList<>();
        all.add(args(List.of("assess", "--rules", pack), s, SAMPLE));
        all.add(args(List.of("assess", "--format", "json", "--rules", pack), s, SAMPLE));
        all.add(args(List.of("report", "--out", out.toString(), "--rules", pack), s, SAMPLE));
        all.add(args(List.of("diff", "--from", pack, "--to", other), s, SAMPLE));
        all.add(args(List.of("diff", "--from", other, "--to", pack), s, SAMPLE));
        all.add(args(List.of("test"), s, pack));
        all.add(args(List.of("validate"), s, pack));
        return all;
    }

    static List<String> args(List<String> command, Source s, String last) {
        List<String> args = new ArrayList<>(command);
        args.addAll(s.args());
        args.add(last);
        return args;
    }

    static CliRun run(Source s, List<String> args) {
        return CliRun.withEnv(s.env(), args.toArray(String[]::new));
    }

    /** Exit 64, one line on the error stream saying so in both languages, and no result printed. */
    static void assertRefused(CliRun run, String what, String english) {
        assertEquals(64, run.status(), what + "\n" + run.out() + run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), what + ": one line\n" + run.err());
        assertTrue(lines.get(0).contains("拒绝加载") && lines.get(0).contains(english), what + ": " + run.err());
        assertFalse(run.out().contains("结论") || run.out().contains("passed") || run.out().contains("clean"),
                what + ": nothing assessed\n" + run.out());
    }

    @Test
    void everyCommand_refusesAPackWhoseDigestIsNotApproved_whicheverWayTheDigestsAreGiven() throws IOException {
        for (Source s : sources(OTHER)) {
            for (List<String> args : commands(signed.toString(), s)) {
                CliRun run = run(s, args);
                assertRefused(run, s.name() + " " + args, "is not approved");
                assertTrue(run.err().contains(digest) && run.err().contains(signed.toString()), run.err());
            }
        }
    }

    @Test
    void everyCommand_refusesAPackWithoutAManifest_whicheverWayTheDigestsAreGiven() throws IOException {
        for (Source s : sources(digest)) {
            for (List<String> args : commands(unsigned.toString(), s)) {
                CliRun run = run(s, args);
                assertRefused(run, s.name() + " " + args, "no manifest");
                assertTrue(run.err().contains(unsigned.toString()), run.err());
            }
        }
    }

    @Test
    void bundledPacks_areRefusedToo_forTheyCarryNoApprovedManifest() throws IOException {
        for (Source s : sources(digest)) {
            CliRun assess = run(s, args(List.of("assess"), s, SAMPLE));
            assertRefused(assess, s.name() + " assess", "no manifest");
            assertTrue(assess.err().contains("safecounty/packs/hebei-fds-county-2014"), assess.err());
            Path out = dir.resolve("bundled-" + s.name());
            assertRefused(run(s, args(List.of("report", "--out", out.toString()), s, SAMPLE)), s.name() + " report",
                    "no manifest");
            assertFalse(Files.exists(out.resolve("index.html")), "a refused report writes nothing");
            assertRefused(run(s, args(List.of("diff", "--from", "hebei-fds-county-2014", "--to", signed.toString()), s,
                    SAMPLE)), s.name() + " diff", "no manifest");
        }
    }

    @Test
    void theApprovedPack_isUsed_whicheverWayTheDigestIsGiven() throws IOException {
        List<Source> sources = sources(digest);
        Source flag = sources.get(0);
        Source env = sources.get(1);
        Source file = sources.get(2);
        Source fileEnv = sources.get(3);
        CliRun assess = run(flag, args(List.of("assess", "--rules", signed.toString()), flag, SAMPLE));
        assertEquals(0, assess.status(), assess.err());
        assertTrue(assess.out().contains("PASS"), assess.out());
        CliRun validate = run(env, args(List.of("validate"), env, signed.toString()));
        assertEquals(0, validate.status(), validate.out() + validate.err());
        Path out = dir.resolve("approved-report");
        CliRun report = run(file, args(List.of("report", "--out", out.toString(), "--rules", signed.toString()), file,
                SAMPLE));
        assertEquals(0, report.status(), report.err());
        assertTrue(Files.exists(out.resolve("index.html")));
        CliRun test = run(fileEnv, args(List.of("test"), fileEnv, signed.toString()));
        assertEquals(0, test.status(), test.out() + test.err());
        // digests from the environment and from --approved add up
        CliRun diff = CliRun.withEnv(Map.of(PackPolicy.APPROVED_ENV, digest),
                "diff", "--from", signed.toString(), "--to", signed2016.toString(), "--approved", digest2016, SAMPLE);
        assertEquals(0, diff.status(), diff.err());
        assertTrue(diff.out().contains("verdict matrix"), diff.out());
    }

    @Test
    void noPolicy_leavesEveryPackLoadable() {
        CliRun run = CliRun.of("assess", "--rules", unsigned.toString(), SAMPLE);
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void configurationThatCannotBeUsed_isAUsageErrorNotAnyPack() throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "aproved: [" + digest + "]\n");
        List<CliRun> runs = List.of(
                CliRun.withEnv(Map.of(PackPolicy.APPROVED_ENV, ""), "assess", SAMPLE),
                CliRun.withEnv(Map.of(PackPolicy.APPROVED_ENV, "3f5c"), "validate", signed.toString()),
                CliRun.of("assess", "--approved", "not-a-digest", SAMPLE),
                CliRun.of("test", "--settings", typo.toString(), signed.toString()),
                CliRun.withEnv(Map.of(PackPolicy.SETTINGS_ENV, dir.resolve("missing.yaml").toString()),
                        "diff", "--from", signed.toString(), "--to", signed.toString(), SAMPLE));
        for (CliRun run : runs) {
            assertEquals(64, run.status(), run.out() + run.err());
            assertTrue(run.err().contains(" / "), run.err());
            assertFalse(run.out().contains("PASS"), run.out());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
