package org.safecounty.cli;

/**
 * The exit statuses of every command, as README.md and docs/cli.md list them. Each is
 * one kind of outcome whatever the command.
 */
final class ExitStatus {

    /** Everything done: every submission assessed, the pack clean, every case passed. */
    static final int OK = 0;

    /** {@code test}: a case of the pack failed (or, with {@code --require-coverage}, a rule fired in no test). */
    static final int TESTS_FAILED = 1;

    /** {@code assess}, {@code report}, {@code diff}: some submission was rejected or unreadable; every other was done. */
    static final int REJECTED = 2;

    /** A usage error: a bad option or argument, a pack that cannot be loaded or is invalid, an unusable output path or standard output that cannot be written. */
    static final int USAGE = 64;

    /** An internal error: no fault of the input or the pack; {@code --debug} prints its stack trace. */
    static final int INTERNAL = 70;

    private ExitStatus() {
    }
}
