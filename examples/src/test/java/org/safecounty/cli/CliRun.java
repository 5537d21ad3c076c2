package org.safecounty.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int status, String out, String err) {

    static CliRun of(String... args) {
        return withEnv(Map.of(), args);
    }

    /** Runs with {@code env} as the command line's environment instead of the process's. */
    static CliRun withEnv(Map<String, String> env, String... args) {
        return run(env, new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs with {@code stdin} (UTF-8) as the command line's standard input. */
    static CliRun withInput(String stdin, String... args) {
        return run(Map.of(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    /** Runs with {@code beforeRun} called on the command's spec just before it runs (to make it fail). */
    static CliRun withHook(Consumer<CommandLine.Model.CommandSpec> beforeRun, String... args) {
        return run(Map.of(), new ByteArrayInputStream(new byte[0]), beforeRun, args);
    }

    private static CliRun run(Map<String, String> env, InputStream in, String... args) {
        return run(env, in, spec -> { }, args);
    }

    private static CliRun run(Map<String, String> env, InputStream in, Consumer<CommandLine.Model.CommandSpec> beforeRun,
                              String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine(env, in, beforeRun);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
