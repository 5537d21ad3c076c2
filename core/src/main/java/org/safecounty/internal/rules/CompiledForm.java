package org.safecounty.internal.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.drools.compiler.kie.builder.impl.InternalKieModule;

/**
 * A compiled pack as bytes: a zip of what the executable model generated that is needed to make
 * the rule base again without compiling, and nothing else. That is every generated class, and the
 * two lists the engine reads to find them ({@code drools-model}, {@code generated-class-names});
 * not the rule text, not a {@code kmodule.xml} or a pom, which the loader writes itself.
 *
 * <p>Reading one is strict, since the bytes may come from a cache folder anybody with the user's
 * rights can write: any other entry, a duplicate, a directory, an entry or a whole over the caps
 * refuses the form. What the classes do is not judged here: {@link RuleCompiler#load} runs the
 * bytecode check on every one of them before any is defined.
 */
final class CompiledForm {

    /** The Maven group of every pack module the compiler builds. */
    static final String GROUP = "org.safecounty.pack";
    /** Most entries a form may hold (a pack has at most 500 rules, a few classes each). */
    static final int MAX_ENTRIES = 20_000;
    /** Largest entry, uncompressed. */
    static final int MAX_ENTRY_BYTES = 8 << 20;
    /** Most bytes of all entries, uncompressed. */
    static final long MAX_TOTAL_BYTES = 64L << 20;

    private static final Pattern CLASS_FILE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(/[A-Za-z_][A-Za-z0-9_$]*)*\\.class");
    /** A fixed time for every entry, so the same classes make the same bytes. */
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01, the earliest a zip can hold

    private CompiledForm() {
    }

    /** The lists the engine reads for a module of this artifact. */
    static String modelList(String artifact) {
        return "META-INF/kie/" + GROUP + "/" + artifact + "/drools-model";
    }

    static String generatedList(String artifact) {
        return "META-INF/kie/" + GROUP + "/" + artifact + "/generated-class-names";
    }

    /**
     * The form of a module just built for {@code artifact}: its classes and the engine's two lists;
     * {@code null} when a class has a name a form cannot hold (the pack is then compiled each time).
     */
    static byte[] of(InternalKieModule module, String artifact) {
        Map<String, byte[]> kept = new TreeMap<>();
        for (String name : module.getFileNames()) {
            if (name.endsWith(".class") && !CLASS_FILE.matcher(name).matches()) {
                return null;
            }
            if (name.endsWith(".class") || name.equals(modelList(artifact)) || name.equals(generatedList(artifact))) {
                kept.put(name, module.getBytes(name));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : kept.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The entries of a form compiled for {@code artifact}, by name.
     *
     * @throws IOException naming what is wrong, for anything but the classes and the two lists,
     *                     within the caps, with the model list present
     */
    static Map<String, byte[]> read(byte[] form, String artifact) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(form))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!(CLASS_FILE.matcher(name).matches() || name.equals(modelList(artifact))
                        || name.equals(generatedList(artifact)))) {
                    throw new IOException("unexpected entry " + printable(name));
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw new IOException("more than " + MAX_ENTRIES + " entries");
                }
                byte[] bytes = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                if (bytes.length > MAX_ENTRY_BYTES) {
                    throw new IOException("entry " + name + " over " + MAX_ENTRY_BYTES + " bytes");
                }
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new IOException("entries over " + MAX_TOTAL_BYTES + " bytes in all");
                }
                if (entries.put(name, bytes) != null) {
                    throw new IOException("entry " + name + " twice");
                }
            }
        } catch (IllegalArgumentException e) {
            // a malformed entry name
            throw new IOException("not a compiled form: " + e.getMessage(), e);
        }
        if (!entries.containsKey(modelList(artifact))) {
            throw new IOException("no " + modelList(artifact));
        }
        return entries;
    }

    /** The classes among the entries, by internal name. */
    static Map<String, byte[]> classes(Map<String, byte[]> entries) {
        Map<String, byte[]> classes = new TreeMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()), bytes);
            }
        });
        return classes;
    }

    private static String printable(String name) {
        String shown = name.length() > 120 ? name.substring(0, 120) + "…" : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
