package org.safecounty.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.rules.RuleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pack's rule base comes from: the form compiled into the rules jar when the pack is the
 * one it was made from, else the {@link PackCache} when the policy has one, else the compiler
 * (whose result then goes into the cache). Whatever form is used, {@link RuleCompiler#load} checks
 * it as it would a fresh build; a form the checks refuse is logged, dropped, and the pack compiled.
 */
public final class CompiledPacks {

    /** Where forms compiled at build time live on the classpath: {@code safecounty/compiled/<id>.kjar}. */
    public static final String CLASSPATH_ROOT = "safecounty/compiled/";
    public static final String FORM_SUFFIX = ".kjar";
    public static final String ABOUT_SUFFIX = ".properties";

    private static final Logger LOG = LoggerFactory.getLogger(CompiledPacks.class);
    private static final int MAX_FORM_BYTES = 64 << 20;

    private CompiledPacks() {
    }

    /** Where a rule base came from. */
    public enum Source { COMPILED, BUNDLED_FORM, CACHE }

    /**
     * A rule base (or the problems that stopped it), where it came from, and its compiled form
     * ({@code null} when there is none).
     */
    public record Obtained(RuleCompiler.Compiled compiled, Source source, byte[] form) {
    }

    /**
     * The rule base of {@code files} (a pack laid over its bases, if any) with the id
     * {@code packId}; with {@code forms} false, compiled whatever forms there are (tests compare).
     */
    public static Obtained obtain(PackFiles files, String packId, PackCache cache, boolean forms, ClassLoader loader) {
        RuleCompiler compiler = new RuleCompiler();
        String engine = forms ? Engine.version() : null;
        String digest = files.sha256();
        String key = null;
        if (engine != null) {
            Optional<byte[]> bundled = bundledForm(packId, digest, engine);
            if (bundled.isPresent()) {
                RuleCompiler.Compiled c = compiler.load(bundled.get(), files, packId, loader);
                if (c.problems().isEmpty()) {
                    return new Obtained(c, Source.BUNDLED_FORM, bundled.get());
                }
                LOG.warn("the compiled form of {} in the rules jar is refused, the pack is compiled: {}", packId, c.problems());
            }
            if (cache != null) {
                key = PackCache.key(packId, digest, engine);
                Optional<byte[]> cached = cache.read(key);
                if (cached.isPresent()) {
                    RuleCompiler.Compiled c = compiler.load(cached.get(), files, packId, loader);
                    if (c.problems().isEmpty()) {
                        return new Obtained(c, Source.CACHE, cached.get());
                    }
                    LOG.warn("the cache entry {} for {} is refused and removed, the pack is compiled: {}",
                            cache.file(key), packId, c.problems());
                    cache.refused(key);
                }
            }
        }
        RuleCompiler.Compiled c = compiler.compile(files, packId, loader);
        if (c.problems().isEmpty() && c.form() != null && key != null) {
            cache.write(key, c.form());
        }
        return new Obtained(c, Source.COMPILED, c.form());
    }

    /**
     * The form compiled into the rules jar for this pack, when it was compiled from files with
     * this digest by this engine and its bytes are the ones it records.
     */
    public static Optional<byte[]> bundledForm(String packId, String digest, String engine) {
        ClassLoader loader = CompiledPacks.class.getClassLoader();
        String base = CLASSPATH_ROOT + fileName(packId);
        try (InputStream aboutIn = loader.getResourceAsStream(base + ABOUT_SUFFIX)) {
            if (aboutIn == null) {
                return Optional.empty();
            }
            Properties about = new Properties();
            about.load(new StringReader(new String(aboutIn.readNBytes(64 << 10), StandardCharsets.UTF_8)));
            if (!packId.equals(about.getProperty("pack")) || !digest.equals(about.getProperty("sha256"))
                    || !engine.equals(about.getProperty("engine"))) {
                LOG.debug("the compiled form of {} in the rules jar is of other files or another engine ({}, {}): not used",
                        packId, about.getProperty("sha256"), about.getProperty("engine"));
                return Optional.empty();
            }
            byte[] form;
            try (InputStream in = loader.getResourceAsStream(base + FORM_SUFFIX)) {
                if (in == null) {
                    return Optional.empty();
                }
                form = in.readNBytes(MAX_FORM_BYTES + 1);
            }
            if (form.length > MAX_FORM_BYTES || !MessageDigest.isEqual(Engine.sha256().digest(form),
                    HexFormat.of().parseHex(about.getProperty("form-sha256", "")))) {
                LOG.warn("the compiled form of {} in the rules jar does not match its digest: not used", packId);
                return Optional.empty();
            }
            return Optional.of(form);
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("cannot read the compiled form of {} in the rules jar", packId, e);
            return Optional.empty();
        }
    }

    /** The text of {@code <id>.properties} beside a form made at build time. */
    public static String about(String packId, String digest, String engine, byte[] form) {
        return "# compiled by safecounty at build time; used only for these files and this engine\n"
                + "pack=" + escape(packId) + "\n"
                + "sha256=" + digest + "\n"
                + "engine=" + escape(engine) + "\n"
                + "form-sha256=" + HexFormat.of().formatHex(Engine.sha256().digest(form)) + "\n";
    }

    public static String fileName(String packId) {
        return packId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '=' || ch == ':' || ch == '#' || ch == '!') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
