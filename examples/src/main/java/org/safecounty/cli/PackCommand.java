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

/** {@code pack sign DIR}: writes the pack's manifest and prints the digest to approve. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "规则包管理 · Rule pack management.",
        subcommands = PackCommand.Sign.class)
final class PackCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PackFiles files;
            try {
                // read (and refuse links, hidden and oversized files) before anything is written
                PackFiles.fromDirectory(dir);
                Files.deleteIfExists(dir.resolve(PackManifest.FILE));
                files = PackFiles.fromDirectory(dir);
            } catch (PackFiles.Refused e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("规则包无法签名 / the rule pack cannot be signed: " + Escape.text(dir.toString()));
                err.println("  " + Escape.text(e.problem().toString()));
                err.flush();
                return 1;
            }
            Files.writeString(dir.resolve(PackManifest.FILE), PackManifest.write(files), StandardCharsets.UTF_8);
            String digest = PackManifest.digest(PackFiles.fromDirectory(dir));
            out.println("已写出 wrote " + Escape.text(dir.resolve(PackManifest.FILE).toString()) + " ("
                    + files.all().size() + " files)");
            out.println("清单摘要 manifest digest: " + digest);
            out.flush();
            return 0;
        }
    }
}
