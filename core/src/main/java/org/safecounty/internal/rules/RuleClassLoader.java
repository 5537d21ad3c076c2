package org.safecounty.internal.rules;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only class loader that compiled rules see. It lends out an allow-list of classes (the fact
 * types rules work on, a few named JDK classes, and the rule engine's own runtime, which generated
 * code needs), and hides every other class and resource: {@code System}, {@code Runtime},
 * {@code java.io}, {@code java.nio}, reflection, threads and the rest do not exist for a rule.
 *
 * <p>What it cannot stop: code inside an allowed class keeps its own rights (the JDK's and the
 * engine's classes load what they need through their own loaders). The static check of the DRL
 * ({@link RuleVerifier}) refuses the names that would reach them.
 */
public final class RuleClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader delegate;
    private final boolean building;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, Class<?>> lent = new ConcurrentHashMap<>();

    /** The loader compiled rules run in: it lends only {@link RuleAllowList#allows}. */
    public RuleClassLoader(ClassLoader delegate) {
        this(delegate, false);
    }

    private RuleClassLoader(ClassLoader delegate, boolean building) {
        super(null);
        this.delegate = delegate;
        this.building = building;
    }

    /** The loader the compiler builds with: it also lends the engine's plugins ({@link RuleAllowList#allowsWhileBuilding}). */
    static RuleClassLoader forBuilding(ClassLoader delegate) {
        return new RuleClassLoader(delegate, true);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> known = lent.get(name);
        if (known != null) {
            // rule code asks again and again while it runs: answer without the delegate's class-loading lock
            return known;
        }
        if (!(building ? RuleAllowList.allowsWhileBuilding(name) : RuleAllowList.allows(name))) {
            refused.add(name);
            throw new ClassNotFoundException(name + " is not available to rule packs");
        }
        Class<?> loaded = delegate.loadClass(name);
        lent.put(name, loaded);
        return loaded;
    }

    @Override
    public URL getResource(String name) {
        return allowedResource(name) ? delegate.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return allowedResource(name) ? delegate.getResources(name) : Collections.emptyEnumeration();
    }

    @Override
    public java.io.InputStream getResourceAsStream(String name) {
        return allowedResource(name) ? delegate.getResourceAsStream(name) : null;
    }

    /** The classes a pack asked for and was refused, for messages. */
    public Set<String> refused() {
        return Set.copyOf(refused);
    }

    /** Class files of allowed classes (the Java compiler reads them) and the engine's configuration. */
    private boolean allowedResource(String name) {
        if (name.endsWith(".class")) {
            String className = name.substring(0, name.length() - 6).replace('/', '.');
            return building ? RuleAllowList.allowsWhileBuilding(className) : RuleAllowList.allows(className);
        }
        if (building) {
            return name.startsWith("META-INF/") || name.startsWith("org/drools/") || name.startsWith("org/kie/");
        }
        return name.startsWith("META-INF/kie") || name.startsWith("META-INF/maven");
    }
}
