package org.safecounty.internal.report.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A province's template folder attacked: every way found to read a file outside the folder, reach
 * Java, print a value unescaped or make rendering hang is refused with the file and line, and text
 * from a submission comes out escaped in element text, attributes and links. Each test is an attack
 * tried; the folder holds {@code county.peb} (the attack) and takes every other template from the
 * defaults.
 */
class TemplateSandboxTest {

    static final String HOSTILE = "<script>window.pwned=1</script>\"'&<img src=x onerror=\"alert(2)\">";

    @TempDir
    Path dir;

    /** A view model such as ReportModel makes: maps, lists, texts, numbers, true/false. */
    static Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", HOSTILE);
        m.put("county", Map.of("name", HOSTILE, "code", "130123"));
        m.put("list", List.of("a", "b", "c"));
        m.put("none", null);
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(i);
        }
        m.put("many", List.copyOf(many));
        return m;
    }

    Templates folder(String county, String... more) throws IOException {
        Files.writeString(dir.resolve("county.peb"), county, StandardCharsets.UTF_8);
        for (int i = 0; i < more.length; i += 2) {
            Files.writeString(dir.resolve(more[i]), more[i + 1], StandardCharsets.UTF_8);
        }
        return Templates.folder(dir);
    }

    String render(String county, String... more) throws IOException {
        return folder(county, more).render("county.peb", model());
    }

    /** The attack is refused, when the folder is loaded or when it renders, naming county.peb. */
    TemplateException refused(String county, String... more) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(county, more));
        assertTrue(e.file().endsWith("county.peb") || e.file().contains(dir.toString()), e.getMessage());
        return e;
    }

    /** Refused when the folder is loaded: before any county is rendered. */
    TemplateException refusedOnLoad(String county) throws IOException {
        Files.writeString(dir.resolve("county.peb"), county, StandardCharsets.UTF_8);
        TemplateException e = assertThrows(TemplateException.class, () -> Templates.folder(dir));
        assertEquals(dir.toRealPath().resolve("county.peb").toString(), e.file(), e.getMessage());
        assertEquals(1, e.line(), e.getMessage());
        return e;
    }

    // ---- files outside the folder ----

    @ParameterizedTest
    @ValueSource(strings = {"../../../../etc/passwd", "/etc/passwd", "..", "../county.peb", "sub/county.peb",
        "C:\\\\Windows\\\\win.ini", "./county.peb", ".hidden", "county.peb/", "%2e%2e/etc/passwd", "file:/etc/passwd"})
    void include_extends_import_from_takeOnlyAFileNameOfTheFolder(String name) throws IOException {
        for (String tag : List.of("{% include \"" + name + "\" %}", "{% extends \"" + name + "\" %}",
                "{% import \"" + name + "\" %}", "{% from \"" + name + "\" import m %}{{ m() }}")) {
            TemplateException e = refused(tag);
            assertTrue(e.problem().contains("is not a template name"), e.getMessage());
            assertFalse(e.getMessage().contains("root:"), "nothing of /etc/passwd is shown");
        }
    }

    @Test
    void aNameFromTheViewModel_isCheckedAsWell() {
        TemplateException e = refused("{% include county.name %}");
        assertTrue(e.problem().contains("is not a template name"), e.getMessage());
    }

    @Test
    void aLinkOutOfTheFolder_isRefused() throws IOException {
        Path outside = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-secret.txt"), "secret 秘密");
        try {
            Files.createSymbolicLink(dir.resolve("secret.peb"), outside);
            TemplateException e = refused("{% include \"secret.peb\" %}");
            assertTrue(e.problem().contains("not a file inside"), e.getMessage());
            assertFalse(e.getMessage().contains("秘密"));
            Files.delete(dir.resolve("secret.peb"));
            Files.createSymbolicLink(dir.resolve("layout.peb"), Path.of("/etc/passwd"));
            e = assertThrows(TemplateException.class, () -> Templates.folder(dir));
            assertTrue(e.problem().contains("not a file inside"), e.getMessage());
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aTemplateTooLargeOrNotUtf8_isRefused() throws IOException {
        Files.write(dir.resolve("big.peb"), new byte[FolderLoader.MAX_BYTES + 1]);
        assertTrue(assertThrows(TemplateException.class, () -> Templates.folder(dir)).problem().contains("larger than"));
        Files.delete(dir.resolve("big.peb"));
        Files.write(dir.resolve("county.peb"), new byte[] {'<', 'p', '>', (byte) 0xC3, (byte) 0x28});
        assertTrue(assertThrows(TemplateException.class, () -> Templates.folder(dir)).problem().contains("not UTF-8"));
    }

    // ---- Java ----

    @ParameterizedTest
    @ValueSource(strings = {"{{ \"a\".getClass() }}", "{{ name.getClass().forName(\"java.lang.Runtime\") }}",
        "{{ county.getClass() }}", "{{ list.get(0) }}", "{{ list.size() }}", "{{ county.entrySet() }}",
        "{{ county.get(\"name\") }}", "{% set x = {\"a\": 1} %}{{ x.getClass() }}", "{{ (1).getClass() }}",
        "{% macro m() %}{% endmacro %}{{ m().getClass() }}", "{% for x in list %}{{ loop.getClass() }}{% endfor %}",
        "{{ name.toString() }}", "{{ name.replaceAll(\".\", \"x\") }}"})
    void noJavaMethodCanBeCalled(String attack) {
        TemplateException e = refused(attack);
        assertTrue(e.problem().startsWith("no method can be called"), e.getMessage());
        assertEquals(1, e.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ name.class }}", "{{ name.bytes }}", "{{ name.empty }}", "{{ name.CASE_INSENSITIVE_ORDER }}",
        "{{ (1).MAX_VALUE }}", "{{ list.class }}", "{{ list.empty }}", "{% for x in list %}{{ loop.class }}{% endfor %}",
        "{% macro m() %}{% endmacro %}{{ m().class }}", "{{ true.class }}"})
    void noJavaFieldOrGetterCanBeRead(String attack) {
        TemplateException e = refused(attack);
        assertTrue(e.problem().contains("is refused") || e.problem().contains("loop has index"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ template }}", "{{ template.name }}", "{{ _context }}", "{{ _context.county }}", "{{ locale }}",
        "{{ locale.ROOT }}", "{{ i18n(\"java.util.logging\", \"x\") }}"})
    void pebblesOwnObjectsAndFunctions_areRefusedWhenLoaded(String attack) throws IOException {
        TemplateException e = refusedOnLoad(attack);
        assertTrue(e.problem().contains("is refused"), e.getMessage());
    }

    // ---- escaping ----

    @ParameterizedTest
    @ValueSource(strings = {"{{ name | raw }}", "{% if false %}{{ name | raw }}{% endif %}", "{{ name | escape(\"js\") }}",
        "{{ name | escape(strategy=\"css\") }}", "{{ name | escape(\"url_param\") }}", "{{ name | escape(\"json\") }}",
        "{% set s = \"js\" %}{{ name | escape(s) }}", "{% autoescape false %}{{ name }}{% endautoescape %}",
        "{% autoescape \"js\" %}{{ name }}{% endautoescape %}", "{% filter upper %}{{ name }}{% endfilter %}",
        "{{ name | split(\",\") }}", "{{ name | merge(list) }}", "{{ name | base64decode }}",
        "{% embed \"layout.peb\" %}{% endembed %}", "{% cache \"k\" %}{% endcache %}", "{% parallel %}{% endparallel %}",
        "{% flush %}"})
    void escapingCannotBeTurnedOff_andRefusedTagsAndFiltersAreRefusedWhenLoaded(String attack) throws IOException {
        TemplateException e = refusedOnLoad(attack);
        assertTrue(e.problem().contains("refused") || e.problem().contains("escape takes no strategy"), e.getMessage());
    }

    @Test
    void textFromASubmission_isEscapedInElementTextAttributesAndLinks() throws IOException {
        String out = render("""
                <p>{{ name }}</p><a href="page.html#{{ name }}" title='{{ name }}'>{{ county.name }}</a>
                <a href="?q={{ name | urlencode }}">{{ name | upper }}</a>{{ "<b>" ~ name }}{{ name | escape }}
                {{ name | replace({"&": "<"}) }}{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m(name) }}
                {{ m(name) | replace({"&lt;": "<"}) }}{{ name | default("") }}{{ none | default(name) }}""");
        assertFalse(out.contains("<script") || out.contains("<img") || out.contains("<SCRIPT"), out);
        assertFalse(out.replace(Templates.POLICY, "").replace("title='", "").replace("'>", "").contains("'"),
                "no raw ' from the name: " + out);
        assertTrue(out.contains("<p>&lt;script&gt;window.pwned=1&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=&quot;"
                + "alert(2)&quot;&gt;</p>"), out);
        assertTrue(out.contains("href=\"page.html#&lt;script&gt;"), out);
        assertTrue(out.contains("href=\"?q=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E%22%27%26"), out);
        assertTrue(out.contains("<i>&lt;script&gt;"), "a macro's own markup stays, its values are escaped: " + out);
        assertTrue(out.contains("&lt;i&gt;&lt;script&amp;gt;"), "a filter on a macro's output escapes it again: " + out);
    }

    /** Where HTML escaping is not enough, a print tag is refused when the template is loaded (Markup). */
    @ParameterizedTest
    @ValueSource(strings = {"<p title={{ name }}>", "<p title = {{ name }}>", "<p title=a{{ name }}>", "<p {{ name }}>",
        "<p onclick=\"f('{{ name }}')\">", "<p ONMOUSEOVER='{{ name }}'>", "<script>var a = \"{{ name }}\";</script>",
        "<style>p { content: \"{{ name }}\" }</style>", "<a href=\"{{ name }}\">", "<a href=' {{ county.name }}'>",
        "<img src=\"{{ name }}\">", "<form action=\"{{ name | urlencode }}\">"})
    void aValuePrintedWhereEscapingIsNotEnough_isRefusedOnLoad(String attack) throws IOException {
        TemplateException e = refusedOnLoad(attack);
        assertTrue(e.problem().contains("print"), e.getMessage());
    }

    @Test
    void theViewModelsLinks_quotedAttributesAndNumbersInStyle_areFine() throws IOException {
        String out = render("{% set indexHref = \"i.html\" %}<a href=\"{{ indexHref }}\" title=\"{{ name }}\">x</a>{% for r in [] %}<a href=\"{{ r.href }}\">"
                + "{% endfor %}<span style=\"width:{{ 3 }}%\"></span><a href=\"p.html?q={{ name | urlencode }}\">"
                + "<!-- {{ name }} --><p>{{ name }}</p>", "x.peb", "<style>{% include \"style.css\" %}</style>");
        assertTrue(out.contains("title=\"&lt;script&gt;"), out);
    }

    @Test
    void everyPageCarriesThePolicy_insertedAfterHeadWhenTheLayoutLacksIt() throws IOException {
        String out = render("<!DOCTYPE html>\n<html><head><title>x</title></head><body></body></html>");
        assertTrue(out.startsWith("<!DOCTYPE html>\n<html><head>\n" + Templates.POLICY + "\n<title>"), out);
        out = render("<!-- <head> --><html><body>x</body></html>");
        assertTrue(out.startsWith(Templates.POLICY + "\n<!--"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ list }}", "{{ [name, name] }}", "{{ {\"a\": name} }}", "{{ [[name]] | join(\",\") }}",
        "{{ list | upper }}"})
    void aListOrMapIsNotPrinted(String attack) throws IOException {
        TemplateException e = assertThrows(TemplateException.class, () -> render(attack));
        assertTrue(e.problem().contains("not a list") || e.problem().contains("not a map"), e.getMessage());
    }

    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() throws IOException {
        Templates t = folder("<p title=\"{{ name }}\">{{ name }}</p>");
        String out = t.render("county.peb", Map.of("name", "a\u202Eb\nc\u0000d\u2028e"));
        assertEquals(Templates.POLICY + "\n<p title=\"a\\u202Eb\\nc\\u0000d\\u2028e\">a\\u202Eb\\nc\\u0000d\\u2028e</p>", out);
    }

    // ---- limits ----

    @ParameterizedTest
    @ValueSource(strings = {"{% include \"county.peb\" %}", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "{% block a %}{{ block(\"a\") }}{% endblock %}", "{% include \"other.peb\" %}"})
    void aTemplateThatCallsItself_failsAtTheDepthLimit(String attack) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> render(attack, "other.peb", "{% include \"county.peb\" %}"));
            assertTrue(e.problem().contains("nest deeper than " + Budget.MAX_DEPTH), e.getMessage());
        });
    }

    @Test
    void aTemplateThatExtendsItself_failsCleanly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> render("{% extends \"county.peb\" %}", "layout.peb", "{% extends \"county.peb\" %}"));
            assertTrue(e.problem().contains("too deeply"), e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{% for a in many %}{% for b in many %}{% for c in many %}{% endfor %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for a in many %}{% if s | length < 65536 %}{% set s = s ~ s %}{% endif %}"
            + "{% endfor %}{% for a in many %}{% for b in many %}{% set u = s | upper %}{% endfor %}{% endfor %}"})
    void aTemplateThatLoopsHugely_failsAtTheWorkLimit(String attack) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            TemplateException e = assertThrows(TemplateException.class, () -> render(attack));
            assertTrue(e.problem().contains("more than " + Budget.MAX_WORK + " steps"), e.getMessage());
        });
    }

    /**
     * Comparing long texts is counted as work by their length (1 per 64 characters); whichever of
     * the work and the time limit comes first stops it (here: half a second instead of twenty).
     */
    @Test
    void aTemplateThatComparesLongTextsOverAndOver_failsAtTheTimeLimit() throws IOException {
        String compare = "{% if a == b %}{% endif %}".repeat(200);
        Templates t = folder("{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for x in many %}{% if s | length < 200000 %}"
                + "{% set s = s ~ s %}{% endif %}{% endfor %}{% set a = s ~ \"\" %}{% set b = s ~ \"\" %}"
                + "{% for x in many %}{% for y in many %}" + compare + "{% endfor %}{% endfor %}");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> t.rendered("county.peb", model(), 500_000_000L));
            assertTrue(e.problem().contains("takes too long") || e.problem().contains("steps"), e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for a in many %}{% set s = s ~ s %}{% endfor %}",
        "{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for a in many %}{% set s = s + s %}{% endfor %}",
        "{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for a in many %}{% set s = [s, s] | join %}{% endfor %}",
        "{% set s = \"xxxxxxxxxxxxxxxx\" %}{% for a in many %}{% set s = s | replace({\"x\": \"xx\"}) %}{% endfor %}"})
    void aTextThatGrowsWithoutBound_failsAtTheTextLimit(String attack) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TemplateException e = assertThrows(TemplateException.class, () -> render(attack));
            assertTrue(e.problem().contains("longer than " + Budget.MAX_TEXT), e.getMessage());
        });
    }

    @Test
    void aPageThatGrowsWithoutBound_failsAtTheOutputLimit() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            TemplateException e = assertThrows(TemplateException.class, () -> render(
                    "{% macro w(x) %}{{ x }}{{ x }}{{ x }}{{ x }}{% endmacro %}{% set s = \"xxxxxxxxxxxxxxxx\" %}"
                            + "{% for a in many %}{% set s = w(s) %}{% endfor %}"));
            assertTrue(e.problem().contains("Tried to write more than " + Sandbox.MAX_OUTPUT), e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{% for i in range(0, 2000000000) %}{% endfor %}", "{% for i in 0..2000000000 %}{% endfor %}"})
    void thereIsNoRange(String attack) throws IOException {
        Files.writeString(dir.resolve("county.peb"), attack);
        assertThrows(TemplateException.class, () -> Templates.folder(dir));
    }

    /** Pebble lets some mistakes through as plain Java exceptions; each is still one template error. */
    @ParameterizedTest
    @ValueSource(strings = {"{{ 1 | numberformat(\"#.#.#\") }}", "{{ [1, \"a\"] | sort }}", "{{ name | replace(1) }}",
        "{{ name | join(list) }}", "{{ min(\"a\", 1) }}", "{{ 1 / 0 }}", "{{ \"a\" * 2 }}", "{{ name | abbreviate(-1) }}",
        "{% for x in name %}{% endfor %}", "{{ 99999999999999999999 }}"})
    void aWrongOperand_isATemplateError(String attack) {
        TemplateException e = refused(attack);
        assertFalse(e.problem().isBlank(), e.getMessage());
    }

    // ---- what a folder is for ----

    @Test
    void aNameTheFolderLacks_isTheDefaults() throws IOException {
        Templates t = folder("{% extends \"layout.peb\" %}{% block body %}<p>{{ name }}</p>\n{% endblock %}",
                "style.css", "p{color:red}\n");
        String out = t.render("county.peb", Map.of("lang", "en", "title", "T", "name", "N"));
        assertTrue(out.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), "the default layout: " + out);
        assertTrue(out.contains("<style>\np{color:red}\n</style>"), "the folder's style sheet: " + out);
        assertTrue(out.endsWith("<body>\n<p>N</p>\n</body>\n</html>\n"), out);
    }

    @Test
    void aSyntaxError_namesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("county.peb"), "<p>\n{{ name }}\n{% if name %}\n<p>\n");
        TemplateException e = assertThrows(TemplateException.class, () -> Templates.folder(dir));
        assertEquals(dir.toRealPath().resolve("county.peb").toString(), e.file());
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(e.oneLine().startsWith("报告模板有误 / report template error: " + e.file() + ":" + e.line() + ": "), e.oneLine());
        assertEquals(1, e.oneLine().lines().count());
        Files.writeString(dir.resolve("county.peb"), "ok");
        Files.writeString(dir.resolve("part.peb"), "line 1\n{{ }}\n");
        e = assertThrows(TemplateException.class, () -> Templates.folder(dir));
        assertEquals(dir.toRealPath().resolve("part.peb") + ":2", e.file() + ":" + e.line(), e.getMessage());
    }

    @Test
    void aMissingFolder_isSaidSo() {
        TemplateException e = assertThrows(TemplateException.class, () -> Templates.folder(dir.resolve("nope")));
        assertTrue(e.problem().contains("no such template folder"), e.getMessage());
    }

    @Test
    void export_writesTheDefaultsAndNeverOverwrites() throws IOException {
        List<Path> written = Templates.export(dir.resolve("copy"));
        assertEquals(Templates.NAMES.size(), written.size());
        for (String name : Templates.NAMES) {
            assertEquals(Templates.defaultText(name), Files.readString(dir.resolve("copy").resolve(name)));
        }
        Files.writeString(dir.resolve("copy/county.peb"), "mine");
        assertThrows(FileAlreadyExistsException.class, () -> Templates.export(dir.resolve("copy")));
        assertEquals("mine", Files.readString(dir.resolve("copy/county.peb")), "an edited template is kept");
        Templates.folder(dir.resolve("copy"));
    }

    @Test
    void theDefaultNames_areTheBundledTemplates() throws IOException {
        Path bundled = Path.of("src/main/resources", FolderLoader.DEFAULTS);
        try (var files = Files.list(bundled)) {
            assertEquals(Templates.NAMES.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
