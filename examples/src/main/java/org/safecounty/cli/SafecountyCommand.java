package org.safecounty.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.safecounty.internal.text.Escape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code safecounty} command line: {@code java -jar safecounty.jar assess FILE...}, {@code report --out DIR FILE...}.
 *
 * <p>No mistake of the user's ends in a stack trace: a bad option or argument is one line and a
 * hint ({@code --help}), exit status 64; a {@link UserError} is its line and its status; anything
 * else is an internal error, one line pointing to {@code --debug} (which prints the trace), exit
 * status 70. Statuses: {@link ExitStatus}.
 */
@Command(name = "safecounty", mixinStandardHelpOptions = true, version = "safecounty 0.1.0",
        description = {"食品药品安全县创建评价 · Food and Drug Safety County assessment.",
                "Exit status: 0 ok, 1 pack tests failed (test), 2 some submission rejected or unreadable "
                        + "(assess, report, diff), 64 usage error or a pack that cannot be loaded or is invalid, "
                        + "70 internal error (--debug prints its stack trace)."},
        subcommands = {AssessCommand.class, ReportCommand.class, ValidateCommand.class, TestCommand.class, DiffCommand.class, WorkbenchCommand.class,
                PackCommand.class,
                CommandLine.HelpCommand.class})
public final class SafecountyCommand implements Runnable {

    /** Exit status for a usage error or a rule pack that cannot be loaded. */
    static final int EXIT_USAGE = ExitStatus.USAGE;

    /** Exit status for an internal error: a failure that is no fault of the input or the pack. */
    static final int EXIT_INTERNAL = ExitStatus.INTERNAL;

    @Option(names = "--lang", scope = ScopeType.INHERIT, paramLabel = "zh|en|both", converter = Language.Converter.class,
            description = "language of what a person reads: zh, en or both (default: both; Markdown and HTML: zh)")
    private Language lang;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "print the stack trace of an internal error")
    private boolean debug;

    private final Map<String, String> env;
    private final InputStream in;
    private final Consumer<CommandSpec> beforeRun;

    @CommandLine.Spec
    private CommandSpec spec;

    private SafecountyCommand(Map<String, String> env, InputStream in, Consumer<CommandSpec> beforeRun) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.beforeRun = beforeRun;
    }

    /** The environment the commands read ({@code SAFECOUNTY_APPROVED}, {@code SAFECOUNTY_SETTINGS}). */
    Map<String, String> env() {
        return env;
    }

    /** The environment of the command line a command runs in: the process's unless a test gave another. */
    static Map<String, String> env(CommandSpec spec) {
        return spec.root().userObject() instanceof SafecountyCommand root ? root.env() : System.getenv();
    }

    /** The standard input the commands read ({@code assess -}): the process's unless a test gave another. */
    static InputStream in(CommandSpec spec) {
        return spec.root().userObject() instanceof SafecountyCommand root ? root.in : System.in;
    }

    /** The {@code --lang} given to the command of {@code spec} or before it, if any. */
    static Optional<Language> chosenLanguage(CommandSpec spec) {
        return Optional.ofNullable(option(spec, "--lang"));
    }

    /** The language of what a person reads: {@code --lang}, else both. */
    static Language language(CommandSpec spec) {
        return chosenLanguage(spec).orElse(Language.BOTH);
    }

    private static boolean debug(CommandSpec spec) {
        return Boolean.TRUE.equals(option(spec, "--debug"));
    }

    /** The value of an inherited option as given to this command or one above it. */
    @SuppressWarnings("unchecked")
    private static <T> T option(CommandSpec spec, String name) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.Model.OptionSpec o = s.findOption(name);
            if (o != null && o.getValue() != null && !Boolean.FALSE.equals(o.getValue())) {
                return (T) o.getValue();
            }
        }
        return null;
    }

    /** Without a command: which there are, as a usage error. */
    @Override
    public void run() {
        throw missingCommand(spec);
    }

    /** A command that has subcommands run without one. */
    static UserError missingCommand(CommandSpec spec) {
        return UserError.usage(spec.qualifiedName(), "缺少命令（" + String.join("、", spec.subcommands().keySet()) + "）",
                "a command is needed (" + String.join(", ", spec.subcommands().keySet()) + "); see "
                        + spec.qualifiedName() + " --help");
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
        return commandLine(env, in, spec -> { });
    }

    /**
     * The configured command line that runs {@code beforeRun} on the command's spec just before the
     * command: for tests, which make it throw to see how an internal error is reported.
     */
    static CommandLine commandLine(Map<String, String> env, InputStream in, Consumer<CommandSpec> beforeRun) {
        CommandLine cli = new CommandLine(new SafecountyCommand(env, in, beforeRun));
        cli.setParameterExceptionHandler(SafecountyCommand::badArguments);
        cli.setExecutionStrategy(SafecountyCommand::execute);
        return cli;
    }

    /** Runs the command; whatever it throws becomes one line and an exit status. */
    private static int execute(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        CommandLine leaf = chain.get(chain.size() - 1);
        CommandSpec spec = leaf.getCommandSpec();
        try {
            if (spec.root().userObject() instanceof SafecountyCommand root) {
                root.beforeRun.accept(spec);
            }
            int status = new CommandLine.RunLast().execute(parsed);
            return cannotWrite(leaf) ? outputLost(leaf) : status;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (CommandLine.ExecutionException e) {
            return failed(leaf, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException | Error e) {
            return failed(leaf, e);
        }
    }

    /**
     * Whether what the command wrote to standard output was lost: a full disk ({@code > /dev/full}),
     * a closed standard output ({@code >&-}), a pipe whose reader has gone. A print writer keeps its
     * failures to itself, and picocli's wraps {@code System.out}, a print stream that does too, so
     * both are asked. Which failure it was is not told, so a closed pipe counts like a full disk.
     */
    static boolean cannotWrite(CommandLine leaf) {
        PrintWriter out = leaf.getOut();
        out.flush();
        return out.checkError() || System.out.checkError();
    }

    /**
     * Output that could not be written: one line on standard error and exit status 64, as for an
     * {@code --out} that cannot be written; not an internal error, for nothing is wrong with the program.
     */
    private static int outputLost(CommandLine leaf) {
        PrintWriter err = leaf.getErr();
        err.println(language(leaf.getCommandSpec()).say("无法写出结果到标准输出", "cannot write the results to standard output"));
        err.flush();
        return ExitStatus.USAGE;
    }

    /** What a command threw: a user's mistake as its line, anything else as an internal error. */
    private static int failed(CommandLine leaf, Throwable e) {
        CommandSpec spec = leaf.getCommandSpec();
        leaf.getOut().flush();
        PrintWriter err = leaf.getErr();
        Language lang = language(spec);
        boolean debug = debug(spec);
        if (e instanceof UserError u) {
            u.print(err, lang);
            if (debug && u.getCause() != null) {
                u.getCause().printStackTrace(err);
            }
            err.flush();
            return u.status();
        }
        String what = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        err.println(Escape.text(spec.qualifiedName() + ": " + lang.say("内部错误，请报告此问题；加 --debug 可看到堆栈",
                "internal error, please report it; run again with --debug for the stack trace")
                + (what.isEmpty() ? "" : " (" + what + ")")));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitStatus.INTERNAL;
    }

    /** picocli's own errors (an unknown option, a bad value): one line and a hint, exit status 64. */
    private static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        Language lang = languageIn(args);
        String zh = ex instanceof CommandLine.UnmatchedArgumentException ? "无法识别的选项、参数或命令"
                : ex instanceof CommandLine.MissingParameterException ? "缺少必需的选项或参数"
                : "选项或参数有误";
        String name = cli.getCommandSpec().qualifiedName();
        String message = String.valueOf(ex.getMessage());
        err.println(Escape.text(name + ": " + switch (lang) {
            case BOTH -> zh + " / " + message;
            case ZH -> zh + "：" + message;
            case EN -> message;
        }));
        err.println(Escape.text(lang.say("用法见", "usage:") + " " + name + " --help"));
        err.flush();
        return ExitStatus.USAGE;
    }

    /** The language asked for on a command line that could not be parsed: its {@code --lang}, else both. */
    static Language languageIn(String[] args) {
        Language found = null;
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--lang=") ? args[i].substring("--lang=".length())
                    : args[i].equals("--lang") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null && Language.parse(value) != null) {
                found = Language.parse(value);
            }
        }
        return found == null ? Language.BOTH : found;
    }
}
