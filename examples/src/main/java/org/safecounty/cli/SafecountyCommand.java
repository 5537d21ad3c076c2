package org.safecounty.cli;

import java.io.InputStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code safecounty} command line: {@code java -jar safecounty.jar assess FILE...}, {@code report --out DIR FILE...}. */
@Command(name = "safecounty", mixinStandardHelpOptions = true, version = "safecounty 0.1.0",
        description = {"食品药品安全县创建评价 · Food and Drug Safety County assessment."},
        subcommands = {AssessCommand.class, ReportCommand.class, ValidateCommand.class, TestCommand.class, DiffCommand.class, WorkbenchCommand.class,
                PackCommand.class,
                CommandLine.HelpCommand.class})
public final class SafecountyCommand implements Runnable {

    /** Exit status for a usage error or a rule pack that cannot be loaded. */
    static final int EXIT_USAGE = 64;

    /** Exit status for an internal error: a failure that is no fault of the input or the pack. */
    static final int EXIT_INTERNAL = 70;

    private final Map<String, String> env;
    private final InputStream in;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private SafecountyCommand(Map<String, String> env, InputStream in) {
        this.env = Map.copyOf(env);
        this.in = in;
    }

    /** The environment the commands read ({@code SAFECOUNTY_APPROVED}, {@code SAFECOUNTY_SETTINGS}). */
    Map<String, String> env() {
        return env;
    }

    /** The environment of the command line a command runs in: the process's unless a test gave another. */
    static Map<String, String> env(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof SafecountyCommand root ? root.env() : System.getenv();
    }

    /** The standard input the commands read ({@code assess -}): the process's unless a test gave another. */
    static InputStream in(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof SafecountyCommand root ? root.in : System.in;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for embedding, reading the process's environment. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * The configured command line reading {@code env} instead of the process's environment (for
     * {@code SAFECOUNTY_APPROVED} and {@code SAFECOUNTY_SETTINGS}), so tests need not change the
     * real one.
     */
    public static CommandLine commandLine(Map<String, String> env) {
        return commandLine(env, System.in);
    }

    /** The configured command line reading {@code env} and, as its standard input, {@code in}. */
    public static CommandLine commandLine(Map<String, String> env, InputStream in) {
        CommandLine cli = new CommandLine(new SafecountyCommand(env, in));
        cli.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cli;
    }
}
