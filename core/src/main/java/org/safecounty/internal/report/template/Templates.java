package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The report templates: the defaults bundled in the jar ({@code
 * org/safecounty/internal/report/templates/}), or a folder of a province's own whose templates
 * replace the defaults of the same name — a name the folder lacks is the default's. Templates are
 * Pebble ({@code .peb}) run in a {@linkplain Sandbox sandbox}: a template gets a view model of
 * plain values (maps, lists, texts, numbers, true/false) and can neither call Java nor read a file
 * outside its folder nor print a value unescaped. Thread-safe; compiled templates are kept.
 */
public final class Templates {

    /** The default templates, in the order a person reads them. */
    public static final List<String> NAMES = List.of("county.peb", "overview.peb", "layout.peb", "macros.peb", "style.css");

    private final FolderLoader loader;
    private final PebbleEngine engine;

    private Templates(Path folder) {
        this.loader = new FolderLoader(folder);
        this.engine = Sandbox.engine(loader);
    }

    private static final class Defaults {
        static final Templates TEMPLATES = new Templates(null);
    }

    /** The bundled templates. */
    public static Templates defaults() {
        return Defaults.TEMPLATES;
    }

    /**
     * The templates of {@code folder}, a default standing in for each name it lacks. Every template
     * of the folder ({@code *.peb}) and every default is compiled here, so a template that does not
     * parse or uses what is refused is reported now, with its file and line.
     *
     * @throws TemplateException naming the file and line of the first problem
     */
    public static Templates folder(Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new TemplateException(folder.toString(), 0, "no such template folder / 模板目录不存在", e);
        }
        if (!Files.isDirectory(real)) {
            throw new TemplateException(folder.toString(), 0, "not a folder / 不是目录", null);
        }
        Templates t = new Templates(real);
        TreeSet<String> names = new TreeSet<>(NAMES);
        try (Stream<Path> files = Files.list(real)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".peb")).forEach(names::add);
        } catch (IOException e) {
            throw new TemplateException(folder.toString(), 0, "the template folder cannot be read: " + e.getMessage(), e);
        }
        for (String name : names) {
            t.compile(name);
        }
        return t;
    }

    private void compile(String name) {
        try {
            engine.getTemplate(name);
        } catch (PebbleException e) {
            throw problem(e, name);
        } catch (RuntimeException e) {
            throw new TemplateException(loader.where(name), 0, "the template cannot be compiled: " + e, e);
        } catch (StackOverflowError e) {
            throw new TemplateException(loader.where(name), 0, "the template nests too deeply to compile / 模板嵌套过深", null);
        }
    }

    /**
     * Renders template {@code name} with the view model {@code model}: maps with text keys, lists,
     * texts, numbers and true/false only (a template can read nothing else).
     *
     * @throws TemplateException when the template fails or goes over a limit, naming file and line
     */
    public String render(String name, Map<String, Object> model) {
        return rendered(name, model).html();
    }

    /** A page and the work it took ({@link Budget}), for tests that measure the default templates. */
    record Rendered(String html, long work) {
    }

    Rendered rendered(String name, Map<String, Object> model) {
        return rendered(name, model, Budget.MAX_NANOS);
    }

    Rendered rendered(String name, Map<String, Object> model, long nanos) {
        try {
            return Budget.with(nanos, () -> {
                StringWriter out = new StringWriter();
                try {
                    engine.getTemplate(name).evaluate(out, new HashMap<>(model), Locale.ROOT);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Rendered(withPolicy(out.toString()), Budget.spent());
            });
        } catch (PebbleException e) {
            throw problem(e, name);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // what Pebble lets through unwrapped: a template's own mistake all the same (a wrong operand)
            throw new TemplateException(loader.where(name), 0, "the template failed: " + e, e);
        } catch (StackOverflowError e) {
            throw new TemplateException(loader.where(name), 0, "templates call one another too deeply / 模板相互调用过深", null);
        } catch (OutOfMemoryError e) {
            // a backstop: what a template makes is bounded before it is made (Budget, Sandbox); should some
            // value still fill the heap, it is this template's doing, and the heap is free again here
            throw new TemplateException(loader.where(name), 0, "rendering the template ran out of memory (" + e.getMessage()
                    + "): it makes texts or lists too large / 模板生成的内容过大，内存不足", null);
        }
    }

    /** The Content-Security-Policy of the default layout: nothing is fetched and no script runs. */
    static final String POLICY = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'; img-src data:\">";

    /** A page that opens as the default layout's does, the policy among the first meta tags of its head. */
    private static final Pattern HAS_POLICY = Pattern.compile("\\s*(<!DOCTYPE html>\\s*)?<html[^<>]*>\\s*<head>"
            + "(\\s*<meta [^<>]*>)*?\\s*" + Pattern.quote(POLICY));

    private static final Pattern HEAD = Pattern.compile("\\s*(<!DOCTYPE[^<>]*>\\s*)?(<html(\\s[^<>]*)?>\\s*)?(<head(\\s[^<>]*)?>)?",
            Pattern.CASE_INSENSITIVE);

    /**
     * The page with the default layout's Content-Security-Policy, as a wall behind the sandbox:
     * a page whose head does not open with it (a folder's own layout) gets it inserted right after
     * {@code <head>}, or, when the page does not open with a head, right at its start (after a
     * DOCTYPE), where a browser puts it in the head. A page of the default layout is unchanged.
     */
    static String withPolicy(String page) {
        if (HAS_POLICY.matcher(page).lookingAt()) {
            return page;
        }
        java.util.regex.Matcher m = HEAD.matcher(page);
        int at = m.lookingAt() ? (m.group(4) != null ? m.end() : m.group(1) != null ? m.end(1) : 0) : 0;
        return page.substring(0, at) + (m.group(4) != null ? "\n" : "") + POLICY + "\n" + page.substring(at);
    }

    private TemplateException problem(PebbleException e, String rendered) {
        String file = e.getFileName() != null ? e.getFileName() : rendered;
        String what = e.getPebbleMessage() != null ? e.getPebbleMessage() : String.valueOf(e.getMessage());
        if (e.getCause() instanceof PebbleException inner && inner.getFileName() != null) {
            return problem(inner, rendered);      // an include's problem, named by its own file
        }
        Integer line = e.getLineNumber();
        return new TemplateException(loader.where(file), line == null ? 0 : line, what, e);
    }

    /** The text of default template {@code name} ({@link #NAMES}). */
    public static String defaultText(String name) {
        String text = FolderLoader.defaultText(name);
        if (text == null) {
            throw new IllegalArgumentException("no default template " + name);
        }
        return text;
    }

    /**
     * Writes the default templates into {@code folder} (made if missing), for a province to copy and
     * edit; a file already there is never overwritten.
     *
     * @return the files written
     * @throws java.nio.file.FileAlreadyExistsException when one of them exists already (nothing is written)
     */
    public static List<Path> export(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String name : NAMES) {
            if (Files.exists(folder.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.FileAlreadyExistsException(folder.resolve(name).toString(), null,
                        "a template is there already / 模板已存在，不覆盖");
            }
        }
        List<Path> written = new ArrayList<>();
        for (String name : NAMES) {
            Path file = folder.resolve(name);
            Files.writeString(file, defaultText(name), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            written.add(file);
        }
        return written;
    }
}
