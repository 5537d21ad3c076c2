package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15: no mistake of the user's ends in a stack trace. Each mistake prints exactly its short
 * error on the error stream — Chinese and English (or the language of {@code --lang}), naming the
 * file, folder or option — nothing on standard output, and gives its documented exit status: 64
 * for a usage error (a bad option, an unknown command, a pack that cannot be loaded, an unusable
 * output path), 2 when a submission is unreadable (the others are still done), 70 with a pointer to
 * {@code --debug} for an internal error.
 */
class UserMistakesTest {

    static final String SAMPLE = "samples/130229-yutian.json";
    static final String HINT = "用法见 / usage: ";

    @TempDir
    static Path tmp;

    /** A file where a folder is wanted, an empty folder, and a file that is no submission. */
    @BeforeAll
    static void places() throws IOException {
        Files.writeString(tmp.resolve("file"), "not a folder");
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(tmp.resolve("bad.json"), "{}");
    }

    /** A mistake: its arguments (with {@code {t}} for the temporary folder), environment, exit status and exact error. */
    record Mistake(String name, List<String> args, Map<String, String> env, int status, String err) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Mistake m(String name, int status, String err, String... args) {
        return new Mistake(name, List.of(args), Map.of(), status, err);
    }

    static Mistake env(String name, Map<String, String> env, String err, String... args) {
        return new Mistake(name, List.of(args), env, 64, err);
    }

    static Stream<Mistake> mistakes() {
        String noFolder = "{t}/none: 无法读取规则包：no such folder: {t}/none / cannot read the rule pack: no such folder: {t}/none";
        String notFolder = "{t}/file: 无法读取规则包：not a folder: {t}/file / cannot read the rule pack: not a folder: {t}/file";
        return Stream.of(
                // report
                m("report --out an existing file", 64,
                        "--out {t}/file: 已存在且不是文件夹，不会覆盖它 / exists and is not a folder; it is not overwritten\n",
                        "report", "--out", "{t}/file", SAMPLE),
                m("report --out where no folder can be made", 64,
                        "--out /proc/x: 无法创建文件夹：没有这个文件或文件夹 / cannot make the folder: no such file or folder\n",
                        "report", "--out", "/proc/x", SAMPLE),
                m("report --out under a file", 64,
                        "--out {t}/file/sub: 无法创建文件夹：路径中有一段不是文件夹 / cannot make the folder: a part of the path is not a folder\n",
                        "report", "--out", "{t}/file/sub", SAMPLE),
                m("report --lang both", 64,
                        "--lang both: HTML 只用一种语言写：zh 或 en / HTML is written in one language: zh or en\n",
                        "report", "--lang", "both", "--out", "{t}/r", SAMPLE),
                m("report without --out", 64,
                        "safecounty report: 缺少必需的选项或参数 / Missing required option: '--out=DIR'\n" + HINT
                                + "safecounty report --help\n",
                        "report", SAMPLE),
                // test and validate
                m("test a missing pack", 64, noFolder + "\n", "test", "{t}/none"),
                m("test a file", 64, notFolder + "\n", "test", "{t}/file"),
                m("validate a missing pack", 64, noFolder + "\n", "validate", "{t}/none"),
                m("validate a file", 64, notFolder + "\n", "validate", "{t}/file"),
                m("pack sign a missing pack", 64, noFolder + "\n", "pack", "sign", "{t}/none"),
                m("assess --rules a missing pack", 64, noFolder + "\n", "assess", "--rules", "{t}/none", SAMPLE),
                m("assess --rules a file, in English", 64,
                        "{t}/file: cannot read the rule pack: not a folder: {t}/file\n",
                        "assess", "--lang", "en", "--rules", "{t}/file", SAMPLE),
                // diff
                m("diff --from no such pack", 64,
                        "--from nope: 没有这个规则包（应为随库规则包的 id 或规则包文件夹） / no such pack (a bundled pack's id or a pack folder)\n",
                        "diff", "--from", "nope", "--to", "hebei-fds-county-2016", SAMPLE),
                m("diff --to a missing pack folder", 64,
                        "--to {t}/none: 没有这个规则包（应为随库规则包的 id 或规则包文件夹） / no such pack (a bundled pack's id or a pack folder)\n",
                        "diff", "--from", "hebei-fds-county-2014", "--to", "{t}/none", SAMPLE),
                m("diff --out a folder", 64, "--out {t}/empty: 这是文件夹，应为文件 / it is a folder, not a file\n",
                        "diff", "--from", "hebei-fds-county-2014", "--to", "hebei-fds-county-2016", "--out", "{t}/empty", SAMPLE),
                m("diff --out in no folder", 64, "--out {t}/none/d.txt: 所在的文件夹不存在 / its folder does not exist\n",
                        "diff", "--from", "hebei-fds-county-2014", "--to", "hebei-fds-county-2016", "--out", "{t}/none/d.txt",
                        SAMPLE),
                m("diff --out /proc", 64, "--out /proc/x: 无法写入：没有这个文件或文件夹 / cannot write: no such file or folder\n",
                        "diff", "--from", "hebei-fds-county-2014", "--to", "hebei-fds-county-2016", "--out", "/proc/x", SAMPLE),
                // assess
                m("assess with nothing", 64,
                        "assess: 没有要评价的提交材料：请给出 FILE、DIR、--list FILE 或 - / nothing to assess: give FILE, DIR, --list FILE or -\n",
                        "assess"),
                m("assess - with a file", 64, "-: 只能单独使用（从标准输入读 JSON Lines），不能再给 FILE、DIR 或 --list / "
                        + "stands alone (JSON Lines on standard input), with no FILE, DIR or --list\n", "assess", "-", SAMPLE),
                m("assess --threads 0", 64, "--threads 0: 应为 1 到 1024 / must be from 1 to 1024\n",
                        "assess", "--threads", "0", SAMPLE),
                m("assess --threads 0, in English", 64, "--threads 0: must be from 1 to 1024\n",
                        "assess", "--threads", "0", "--lang", "en", SAMPLE),
                m("assess --threads x", 64, "safecounty assess: 选项或参数有误 / Invalid value for option '--threads': 'x' is not an int\n"
                        + HINT + "safecounty assess --help\n", "assess", "--threads", "x", SAMPLE),
                m("assess --list a missing file", 64,
                        "--list {t}/none: 无法读取：没有这个文件或文件夹 / cannot read: no such file or folder\n",
                        "assess", "--list", "{t}/none"),
                m("assess --list a folder", 64,
                        "--list {t}/empty: 这是文件夹，应为每行一个路径的文件 / it is a folder, not a file of paths one a line\n",
                        "assess", "--list", "{t}/empty", SAMPLE),
                m("assess --settings a missing file", 64,
                        "无法读取设置文件：{t}/none（没有这个文件） / cannot read the settings file: {t}/none (no such file)\n",
                        "assess", "--settings", "{t}/none", SAMPLE),
                m("assess --settings a folder", 64,
                        "无法读取设置文件：{t}/empty（这是文件夹） / cannot read the settings file: {t}/empty (it is a folder)\n",
                        "assess", "--settings", "{t}/empty", SAMPLE),
                m("assess --format markdown --lang both", 64,
                        "--lang both: Markdown 只用一种语言写：zh 或 en / Markdown is written in one language: zh or en\n",
                        "assess", "--format", "markdown", "--lang", "both", SAMPLE),
                // picocli's own errors: one line and a hint, in the language asked for
                m("an unknown option", 64, "safecounty assess: 无法识别的选项、参数或命令 / Unknown option: '--bogus'\n"
                        + HINT + "safecounty assess --help\n", "assess", "--bogus", SAMPLE),
                m("an unknown option, in Chinese", 64, "safecounty assess: 无法识别的选项、参数或命令：Unknown option: '--bogus'\n"
                        + "用法见 safecounty assess --help\n", "assess", "--lang", "zh", "--bogus", SAMPLE),
                m("an unknown option, in English", 64, "safecounty assess: Unknown option: '--bogus'\n"
                        + "usage: safecounty assess --help\n", "--lang=en", "assess", "--bogus", SAMPLE),
                m("a bad --format", 64, "safecounty assess: 选项或参数有误 / Invalid value for option '--format': expected one of "
                        + "[text, json, markdown, jsonl] (case-sensitive) but was 'xml'\n" + HINT + "safecounty assess --help\n",
                        "assess", "--format", "xml", SAMPLE),
                m("a bad --lang", 64, "safecounty assess: 选项或参数有误 / Invalid value for option '--lang': 'fr' is not zh, en or both\n"
                        + HINT + "safecounty assess --help\n", "assess", "--lang", "fr", SAMPLE),
                m("an unknown command", 64, "safecounty: 无法识别的选项、参数或命令 / Unmatched argument at index 0: 'frob'\n"
                        + HINT + "safecounty --help\n", "frob"),
                m("help for an unknown command", 64, "safecounty: 选项或参数有误 / Unknown subcommand 'frob'.\n"
                        + HINT + "safecounty --help\n", "help", "frob"),
                m("no command", 64, "safecounty: 缺少命令（assess、report、validate、test、diff、workbench、pack、help） / a command is needed "
                        + "(assess, report, validate, test, diff, workbench, pack, help); see safecounty --help\n"),
                m("pack without sign", 64, "safecounty pack: 缺少命令（sign） / a command is needed (sign); see safecounty pack --help\n",
                        "pack"),
                // the environment
                env("SAFECOUNTY_APPROVED empty", Map.of("SAFECOUNTY_APPROVED", ""),
                        "SAFECOUNTY_APPROVED 已设置但没有列出任何摘要 / SAFECOUNTY_APPROVED is set but lists no digest\n",
                        "assess", SAMPLE),
                env("SAFECOUNTY_SETTINGS a folder", Map.of("SAFECOUNTY_SETTINGS", "{t}/empty"),
                        "无法读取设置文件：{t}/empty（这是文件夹） / cannot read the settings file: {t}/empty (it is a folder)\n",
                        "validate", "{t}/none"),
                env("SAFECOUNTY_CACHE_MAX_MB not a number", Map.of("SAFECOUNTY_CACHE_MAX_MB", "x"),
                        "SAFECOUNTY_CACHE_MAX_MB 应为 1 到 1048576 之间的整数（MiB），而不是 x / SAFECOUNTY_CACHE_MAX_MB must be a "
                                + "whole number of MiB from 1 to 1048576, not x\n", "test", "{t}/none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistake_isItsShortErrorAndItsExitStatus_neverAStackTrace(Mistake mistake) {
        Map<String, String> env = new java.util.HashMap<>();
        mistake.env().forEach((k, v) -> env.put(k, t(v)));
        CliRun run = CliRun.withEnv(env, mistake.args().stream().map(UserMistakesTest::t).toArray(String[]::new));
        assertEquals(t(mistake.err()), run.err(), mistake.name());
        assertEquals(mistake.status(), run.status(), mistake.name() + "\n" + run.err());
        assertEquals("", run.out(), "nothing on standard output for an error");
        assertNoTrace(run);
    }

    /** A submission that cannot be read is named with why, the others are done, exit status 2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void anUnreadableSubmission_isNamedAndTheOthersAreDone_exit2(String name, List<String> args, List<String> named) {
        CliRun run = CliRun.of(args.stream().map(UserMistakesTest::t).toArray(String[]::new));
        assertEquals(2, run.status(), name + "\n" + run.out() + run.err());
        assertEquals("", run.err(), name);
        for (String n : named) {
            assertTrue(run.out().contains(t(n)), name + ": " + t(n) + " in\n" + run.out());
        }
        assertNoTrace(run);
    }

    static Stream<Arguments> unreadable() {
        String missing = "{t}/missing.json: 无法读取文件：没有这个文件或文件夹 / cannot read the file: no such file or folder";
        String diff = "diff --from hebei-fds-county-2014 --to hebei-fds-county-2016";
        return Stream.of(
                Arguments.of("diff with a missing file", List.of((diff + " {t}/missing.json " + SAMPLE).split(" ")),
                        List.of(missing, "1 县 counties")),
                Arguments.of("diff with a file that is no submission",
                        List.of((diff + " {t}/bad.json " + SAMPLE).split(" ")), List.of("{t}/bad.json: not a submission")),
                Arguments.of("diff --format json with a missing file",
                        List.of((diff + " --format json {t}/missing.json " + SAMPLE).split(" ")), List.of("\"{t}/missing.json\" : ")),
                Arguments.of("diff --format html with a missing file",
                        List.of((diff + " --format html {t}/missing.json " + SAMPLE).split(" ")), List.of("{t}/missing.json")),
                Arguments.of("assess with a missing file", List.of("assess", "{t}/missing.json", SAMPLE),
                        List.of("== {t}/missing.json", "无法读取文件：没有这个文件或文件夹 / cannot read the file: no such file or folder",
                                "玉田县")),
                Arguments.of("assess --format json with a missing file", List.of("assess", "--format", "json", "{t}/missing.json", SAMPLE),
                        List.of("\"file\" : \"{t}/missing.json\"")),
                Arguments.of("report with a missing file", List.of("report", "--out", "{t}/report", "{t}/missing.json", SAMPLE),
                        List.of("1 个县，退回 1")));
    }

    @Test
    void diffWithAFolder_comparesEverySubmissionInIt() {
        CliRun run = CliRun.of("diff", "--from", "hebei-fds-county-2014", "--to", "hebei-fds-county-2016", "samples");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("14 县 counties"), run.out());
    }

    @Test
    void anEmptyBatch_isNoMistake_butSaysSo() {
        CliRun stdin = CliRun.withInput("", "assess", "--format", "jsonl", "-");
        assertEquals(0, stdin.status());
        assertEquals("", stdin.out());
        assertEquals("-: 没有找到提交材料，未评价任何县 / found no submission; nothing assessed\n", stdin.err());
        CliRun folder = CliRun.of("assess", "--format", "json", "--lang", "en", t("{t}/empty"));
        assertEquals(0, folder.status());
        assertEquals("[ ]\n", folder.out().replace("[]", "[ ]"));
        assertEquals(t("{t}/empty: found no submission; nothing assessed\n"), folder.err());
    }

    @Test
    void anInternalError_isOneLinePointingToDebug_exit70() {
        CliRun run = CliRun.withHook(spec -> {
            throw new IllegalStateException("simulated");
        }, "assess", SAMPLE);
        assertEquals(70, run.status());
        assertEquals("safecounty assess: 内部错误，请报告此问题；加 --debug 可看到堆栈 / internal error, please report it; "
                + "run again with --debug for the stack trace (simulated)\n", run.err());
        assertEquals("", run.out());
        assertNoTrace(run);
    }

    @Test
    void debug_printsTheStackTraceOfAnInternalError() {
        CliRun run = CliRun.withHook(spec -> {
            throw new IllegalStateException("simulated");
        }, "assess", "--debug", SAMPLE);
        assertEquals(70, run.status());
        List<String> lines = run.err().lines().toList();
        assertTrue(lines.get(0).contains("internal error") && lines.get(0).contains("--debug"), run.err());
        assertEquals("java.lang.IllegalStateException: simulated", lines.get(1), run.err());
        assertTrue(lines.get(2).startsWith("\tat org.safecounty.cli."), run.err());
        // before the command's name too, and in one language
        CliRun en = CliRun.withHook(spec -> {
            throw new IllegalStateException("simulated");
        }, "--debug", "--lang", "en", "validate", "x");
        assertTrue(en.err().startsWith("safecounty validate: internal error, please report it; run again with --debug "
                + "for the stack trace (simulated)\njava.lang.IllegalStateException: simulated\n"), en.err());
    }

    @Test
    void anError_ofTheVirtualMachine_isAnInternalErrorToo() {
        CliRun run = CliRun.withHook(spec -> {
            throw new StackOverflowError();
        }, "assess", SAMPLE);
        assertEquals(70, run.status());
        assertEquals("safecounty assess: 内部错误，请报告此问题；加 --debug 可看到堆栈 / internal error, please report it; "
                + "run again with --debug for the stack trace\n", run.err());
    }

    static void assertNoTrace(CliRun run) {
        for (String s : List.of(run.out(), run.err())) {
            assertFalse(s.contains("Exception"), s);
            assertFalse(s.contains("at org."), s);
            assertFalse(s.contains("at java."), s);
        }
    }

    /** The text with {@code {t}} standing for the temporary folder. */
    static String t(String s) {
        return s.replace("{t}", tmp.toString());
    }
}
