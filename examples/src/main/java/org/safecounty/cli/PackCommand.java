package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.internal.text.Escape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code pack sign DIR}: writes the pack's manifest and prints the digest to approve. A folder that
 * cannot be read or signed (no such folder, a link, a hidden file) or written is one line, exit status 64.
 */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "规则包管理 · Rule pack management.",
        subcommands = PackCommand.Sign.class)
final class PackCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: which there are, as a usage error. */
    @Override
    public void run() {
        throw SafecountyCommand.missingCommand(spec);
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"为规则包写出文件清单（MANIFEST.sha256），并打印其摘要以供批准。",
                    "Writes the pack's manifest (MANIFEST.sha256) and prints its digest, for approval."})
    static final class Sign implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "the rule pack folder")
        private Path dir;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Language lang = SafecountyCommand.language(spec);
            Path manifest = dir.resolve(PackManifest.FILE);
            PackFiles files;
            try {
                // read (and refuse links, hidden and oversized files) before anything is written
                TestCommand.files(dir);
                Files.deleteIfExists(manifest);
                files = TestCommand.files(dir);
                Files.writeString(manifest, PackManifest.write(files), StandardCharsets.UTF_8);
            } catch (IOException e) {
                IoReason why = IoReason.of(e);
                throw UserError.usage(manifest.toString(), "无法写入：" + why.zh(), "cannot write: " + why.en(), e);
            }
            String digest = PackManifest.digest(TestCommand.files(dir));
            out.println(lang.label("已写出", "wrote") + " " + Escape.text(manifest.toString()) + " ("
                    + files.all().size() + " " + (lang == Language.ZH ? "个文件" : "files") + ")");
            out.println(lang.label("清单摘要", "manifest digest") + ": " + digest);
            out.flush();
            return ExitStatus.OK;
        }
    }
}
