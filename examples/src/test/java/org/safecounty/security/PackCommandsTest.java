package org.safecounty.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.cli.SafecountyCommand;
import picocli.CommandLine;

/** Signing and validating packs, and a huge file, at the command line. */
class PackCommandsTest {

    static final Path PACK = Path.of("../rules/hebei-fds-county-2014");

    record Run(int status, String out) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return new Run(cli.execute(args), out.toString());
    }

    @Test
    void signThenValidate_approvedDigestPassesAndAnEditIsReported(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        Run sign = run("pack", "sign", pack.toString());
        assertEquals(0, sign.status(), sign.out());
        Matcher digest = Pattern.compile("manifest digest: ([0-9a-f]{64})").matcher(sign.out());
        assertTrue(digest.find(), sign.out());
        assertEquals(0, run("validate", "--approved", digest.group(1), pack.toString()).status());
        Run other = run("validate", "--approved", "0".repeat(64), pack.toString());
        assertEquals(64, other.status(), "an unapproved pack is refused as a usage error");
        assertTrue(other.out().contains("NOT_APPROVED") || other.out().contains("未经批准"), other.out());
        Files.writeString(pack.resolve("parameters.yaml"), Files.readString(pack.resolve("parameters.yaml")) + "\n");
        Run edited = run("validate", pack.toString());
        assertEquals(64, edited.status());
        assertTrue(edited.out().contains("parameters.yaml: 文件已被修改"), edited.out());
    }

    @Test
    void validate_refusesAnEscapeNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        Path t5 = pack.resolve("rules/t5-emergency.drl");
        Files.writeString(t5, Files.readString(t5).replace(
                "    $i.award( $i.when( $i.flag(\"emg.opinion_monitoring\"), params.number(\"T5.3.points\") ) );",
                "    System.exit(0);"));
        Run run = run("validate", pack.toString());
        assertEquals(64, run.status());
        assertTrue(run.out().contains("rules/t5-emergency.drl:") && run.out().contains("System"), run.out());
    }

    @Test
    void assess_aHundredMegabyteFileIsRejectedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024);
        }
        Run run = run("assess", "--format", "json", huge.toString());
        assertEquals(2, run.status());
        assertTrue(run.out().contains("LIMIT_EXCEEDED"), run.out());
    }

    static Path copy(Path dir) throws IOException {
        return org.safecounty.BundledPackCopy.into(dir);
    }
}
