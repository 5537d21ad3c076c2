package org.safecounty.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code safecounty} command line: {@code java -jar safecounty.jar assess FILE...}, {@code report --out DIR FILE...}. */
@Command(name = "safecounty", mixinStandardHelpOptions = true, version = "safecounty 0.1.0",
        description = {"食品药品安全县创建评价 · Food and Drug Safety County assessment."},
        subcommands = {AssessCommand.class, ReportCommand.class, ValidateCommand.class, TestCommand.class, DiffCommand.class,
                PackCommand.class,
                CommandLine.HelpCommand.class})
public final class SafecountyCommand implements Runnable {

    /** Exit status for a usage error or a rule pack that cannot be loaded. */
    static final int EXIT_USAGE = 64;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for embedding. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SafecountyCommand());
        cli.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return EXIT_USAGE;
        });
        return cli;
    }
}
