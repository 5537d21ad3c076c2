package org.safecounty.internal.rules;

import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test guard against a rule that gets out: an attempt to end the JVM or start a process is
 * refused and recorded, so that a test fails on the attempt itself rather than on what follows.
 * (The security manager is deprecated; here it serves only as this guard, never as the sandbox.)
 */
@SuppressWarnings("removal")
final class ExitAndExecGuard {

    /** Exits and process starts attempted while the guard stood. */
    static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private static SecurityManager previous;

    private ExitAndExecGuard() {
    }

    static synchronized void stand() {
        previous = System.getSecurityManager();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkExit(int status) {
                ATTEMPTS.add("exit " + status);
                throw new SecurityException("a rule tried to end the JVM");
            }

            @Override
            public void checkExec(String cmd) {
                ATTEMPTS.add("exec " + cmd);
                throw new SecurityException("a rule tried to run " + cmd);
            }

            @Override
            public void checkPermission(Permission perm) {
                // everything else is allowed: the guard is only for exit and exec
            }
        });
    }

    static synchronized void standDown() {
        System.setSecurityManager(previous);
    }
}
