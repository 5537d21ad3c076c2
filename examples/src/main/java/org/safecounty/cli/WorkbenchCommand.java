package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.cli.workbench.Workbench;
import org.safecounty.cli.workbench.WorkbenchServer;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.text.Escape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code workbench [--data DIR] [--pack ID|DIR] [--port N] [--workspace DIR]}: a local web page on
 * which policy staff draft a revision of the standard, see at once which counties it changes and
 * why, run the draft's tests and save it as an overlay pack in the workspace.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true,
        description = {"标准修订工作台：在本机网页上修改参数，实时查看各县结论变化，测试并保存修订草案。",
                "A local web page for drafting a revision: change figures, see which counties change and why,",
                "run the draft's tests and save it as an overlay pack. Serves on 127.0.0.1 only (docs/workbench.md).",
                "Exit status: 0 when stopped, 64 usage error or a pack that cannot be loaded, 70 internal error."})
final class WorkbenchCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "examples/province",
            description = "the submissions to assess (default examples/province)")
    private Path data;

    @Option(names = "--pack", paramLabel = "ID|DIR", defaultValue = "hebei-fds-county-2014",
            description = "the pack in force: a bundled pack's id or a pack folder (default hebei-fds-county-2014)")
    private String pack;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "the port (default: any free port)")
    private int port;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "safecounty-workspace",
            description = "where drafts are saved (default ./safecounty-workspace)")
    private Path workspace;

    @CommandLine.Mixin
    private PackPolicyOptions policyOptions;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Stops the server: for tests. */
    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PackPolicy policy = policyOptions.policy(spec);
        if (port < 0 || port > 65535) {
            throw UserError.usage("--port " + port, "端口须在 0 至 65535 之间", "the port must be 0 to 65535");
        }
        if (!Files.isDirectory(data)) {
            throw UserError.usage("--data " + Escape.text(data.toString()), "没有这个数据文件夹", "no such data folder");
        }
        RulePack base;
        PackFiles own;
        try {
            Path dir = Path.of(pack);
            if (Files.isDirectory(dir)) {
                own = PackFiles.fromDirectory(dir);
            } else {
                own = (pack.matches("[A-Za-z0-9._-]+") ? PackFiles.fromClasspath(pack, RulePack.class.getClassLoader())
                        : Optional.<PackFiles>empty()).orElseThrow(() -> UserError.usage("--pack " + Escape.text(pack),
                        "没有这个规则包（应为随库规则包的 id 或规则包文件夹）", "no such pack (a bundled pack's id or a pack folder)"));
            }
            base = RulePack.load(own, policy);
        } catch (RulePackException e) {
            throw PackPolicyOptions.unloadable(pack, e);
        } catch (java.nio.file.InvalidPathException e) {
            throw UserError.usage("--pack " + Escape.text(pack), "不是路径", "not a path");
        }
        Files.createDirectories(workspace);
        Map<String, String> submissions = Workbench.readData(data);
        Workbench bench = new Workbench(base, own, submissions, workspace.toRealPath(), policy);
        try (WorkbenchServer server = WorkbenchServer.start(bench, port)) {
            out.println("标准修订工作台 policy workbench: " + base.id() + " " + base.version() + ", "
                    + submissions.size() + " 个县 counties, workspace " + Escape.text(workspace.toRealPath().toString()));
            out.println("在浏览器中打开 open in a browser: " + server.url());
            out.println("按 Ctrl+C 结束 press Ctrl+C to stop");
            out.flush();
            stop.await();
        }
        return ExitStatus.OK;
    }
}
