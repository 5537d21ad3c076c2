package org.safecounty.result;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The words of explanations in one language, read from {@code explanations_<language>.properties}
 * beside this class: a template per {@linkplain ExplanationStep.Kind kind of step}, per kind of
 * {@link Label} and per kind of value. A language is a resource file; a third one needs no Java.
 * Steps are data until written: results render them through {@link #ZH} and {@link #EN}, and a
 * writer may render them in any language that has a file.
 */
public final class Explanations {

    private static final Map<String, Explanations> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z0-9]{1,8})*");

    /** The longest label a reading shows: readings built of readings must not grow without end. */
    static final int MAX_LABEL = 160;

    /** Each key a language's file must give, with the placeholders its template may use. */
    private static final Map<String, Set<String>> KEYS = keys();

    /** Chinese, the language of the standard. */
    public static final Explanations ZH = of("zh");
    /** English. */
    public static final Explanations EN = of("en");

    private final String language;
    private final int index;
    private final boolean chineseNames;
    private final Map<String, Template> templates;
    private final Template[] steps;

    private Explanations(String language, Map<String, String> text) {
        this.language = language;
        this.index = NEXT_INDEX.getAndIncrement();
        String names = text.get("names");
        if (!"zh".equals(names) && !"en".equals(names)) {
            throw new IllegalStateException(file(language) + ": names must be zh or en, was " + names);
        }
        this.chineseNames = names.equals("zh");
        Map<String, Template> t = new HashMap<>();
        KEYS.forEach((key, allowed) -> {
            if (!key.equals("names")) {
                t.put(key, Template.parse(file(language), key, text.get(key), allowed));
            }
        });
        this.templates = Map.copyOf(t);
        this.steps = new Template[ExplanationStep.Kind.values().length];
        for (ExplanationStep.Kind k : ExplanationStep.Kind.values()) {
            steps[k.ordinal()] = templates.get("step." + k.name());
        }
    }

    /**
     * The wording of a language, from {@code explanations_<language>.properties} on the class path
     * beside this class; loaded once.
     *
     * @throws IllegalArgumentException when there is no such file
     * @throws IllegalStateException    when the file lacks a key or a template names a placeholder it may not use
     */
    public static Explanations of(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("not a language tag: " + language);
        }
        Explanations found = LOADED.get(language);
        if (found != null) {
            return found;
        }
        return LOADED.computeIfAbsent(language, Explanations::read);
    }

    /** The language this wording is for, as its file names it ({@code zh}, {@code en}). */
    public String language() {
        return language;
    }

    /** An indicator's or bonus item's explanation: every step, then its total. */
    public String scored(List<ExplanationStep> steps, BigDecimal total) {
        StringBuilder s = new StringBuilder(64 * (steps.size() + 1));
        String join = text("join");
        for (ExplanationStep step : steps) {
            step(s, step);
            s.append(join);
        }
        templates.get("total").render(s, name -> total, this);
        return s.toString();
    }

    /** A veto's explanation: every step. */
    public String steps(List<ExplanationStep> steps) {
        StringBuilder s = new StringBuilder(64 * steps.size());
        String join = text("join");
        for (int n = 0; n < steps.size(); n++) {
            if (n > 0) {
                s.append(join);
            }
            step(s, steps.get(n));
        }
        return s.toString();
    }

    /** One step. */
    public String step(ExplanationStep step) {
        StringBuilder s = new StringBuilder(64);
        step(s, step);
        return s.toString();
    }

    private void step(StringBuilder s, ExplanationStep step) {
        // a text a rule gives a list of incidents is shown as the rule wrote it
        boolean asWritten = step.kind() == ExplanationStep.Kind.VETO_NONE
                || step.kind() == ExplanationStep.Kind.VETO_LISTED;
        steps[step.kind().ordinal()].render(s, name -> switch (name) {
            case "label" -> asWritten ? raw(step.subject()) : label(step.subject());
            case "value" -> step.value() == null ? null : value(step.value());
            case "threshold" -> step.threshold();
            case "points" -> step.points();
            case "amount" -> step.amount();
            case "incidents" -> incidents(step.incidents());
            default -> null;
        }, this);
    }

    private String incidents(List<ExplanationStep.Incident> incidents) {
        StringBuilder s = new StringBuilder();
        String join = text("incidents.join");
        for (int n = 0; n < incidents.size(); n++) {
            if (n > 0) {
                s.append(join);
            }
            ExplanationStep.Incident i = incidents.get(n);
            templates.get("incident").render(s, name -> name.equals("id") ? i.id() : i.level(), this);
        }
        return s.toString();
    }

    /** What a label says in this language, shortened to {@value #MAX_LABEL} characters. */
    public String label(Label label) {
        if (label instanceof Label.Key k) {
            String known = k.rendered(index);
            if (known == null) {
                known = shortened(raw(k));
                k.remember(index, known);
            }
            return known;
        }
        return shortened(raw(label));
    }

    private String raw(Label label) {
        if (label instanceof Label.Key k) {
            String text = chineseNames ? k.zh() : k.en();
            return text == null || text.isBlank()
                    ? render("label.key.unnamed", name -> k.name())
                    : render("label.key", name -> name.equals("text") ? text : k.name());
        }
        if (label instanceof Label.Text t) {
            return chineseNames ? t.zh() : t.en();
        }
        if (label instanceof Label.Profile p) {
            Template t = templates.get("label.profile." + p.field());
            return t == null ? p.field() : render(t, name -> null);
        }
        if (label instanceof Label.Ratio r) {
            return render("label.ratio", name -> label(name.equals("numerator") ? r.numerator() : r.denominator()));
        }
        if (label instanceof Label.Per p) {
            return render("label.per", name -> switch (name) {
                case "count" -> label(p.count());
                case "base" -> label(p.base());
                default -> p.unit();
            });
        }
        if (label instanceof Label.Difference d) {
            return render("label.difference", name -> label(name.equals("a") ? d.a() : d.b()));
        }
        if (label instanceof Label.Incidents) {
            return text("label.incidents");
        }
        if (label instanceof Label.IncidentsWithin w) {
            return render("label.incidents_within", name -> w.hours());
        }
        throw new IllegalArgumentException("unknown label " + label);
    }

    private static String shortened(String label) {
        return label == null || label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    /** A value as this language shows it: 6, 46/50 = 0.92, 是 / yes, missing. */
    public String value(Quantity q) {
        return switch (q.kind()) {
            case MISSING -> text("value.missing");
            case NOT_APPLICABLE -> text("value.not_applicable");
            case VALUE -> shownValue(q);
        };
    }

    private String shownValue(Quantity q) {
        if (q.shown() instanceof Quantity.BoundZero) {
            return text("value.bound_zero");
        }
        if (q.shown() instanceof Quantity.Rate r) {
            BigDecimal rate = r.count().multiply(r.unit()).divide(r.base(), 4, RoundingMode.DOWN);
            return render("value.rate", name -> switch (name) {
                case "rate" -> rate;
                case "count" -> r.count();
                case "base" -> r.base();
                default -> r.unit();
            });
        }
        if (q.flag() != null) {
            return text(q.flag() ? "value.yes" : "value.no");
        }
        if (q.denominator().compareTo(BigDecimal.ONE) == 0) {
            return plain(q.numerator());
        }
        return render("value.fraction", name -> switch (name) {
            case "numerator" -> q.numerator();
            case "denominator" -> q.denominator();
            default -> q.numerator().divide(q.denominator(), 4, RoundingMode.HALF_UP);
        });
    }

    /** A number as written: 3, 1.5, 0.0625. */
    public static String plain(BigDecimal d) {
        if (d.scale() == 0) {
            return d.toPlainString();
        }
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private String text(String key) {
        return templates.get(key).literal;
    }

    private String render(String key, Function<String, Object> args) {
        return render(templates.get(key), args);
    }

    private String render(Template t, Function<String, Object> args) {
        if (t.literal != null) {
            return t.literal;
        }
        StringBuilder s = new StringBuilder(48);
        t.render(s, args, this);
        return s.toString();
    }

    /** The index of this wording among those loaded, by which a key's label keeps its rendered text. */
    int index() {
        return index;
    }

    @Override
    public String toString() {
        return "Explanations[" + language + "]";
    }

    private static String file(String language) {
        return "explanations_" + language + ".properties";
    }

    private static Explanations read(String language) {
        try (InputStream in = Explanations.class.getResourceAsStream(file(language))) {
            if (in == null) {
                throw new IllegalArgumentException("no wording for language " + language + " (" + file(language) + ")");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return from(language, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wording a language's file gives, checked: every key, and only the placeholders each may use. */
    static Explanations from(String language, Properties p) {
        Set<String> missing = new TreeSet<>(KEYS.keySet());
        missing.removeAll(p.stringPropertyNames());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file(language) + " lacks " + String.join(", ", missing));
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return new Explanations(language, m);
    }

    private static Map<String, Set<String>> keys() {
        Map<String, Set<String>> k = new LinkedHashMap<>();
        k.put("names", Set.of());
        k.put("join", Set.of());
        k.put("total", Set.of("total"));
        k.put("points.one", Set.of());
        k.put("points.other", Set.of());
        for (ExplanationStep.Kind kind : ExplanationStep.Kind.values()) {
            k.put("step." + kind.name(), Set.of("label", "value", "threshold", "points", "amount", "incidents"));
        }
        k.put("incident", Set.of("id", "level"));
        k.put("incidents.join", Set.of());
        k.put("label.key", Set.of("text", "name"));
        k.put("label.key.unnamed", Set.of("name"));
        k.put("label.ratio", Set.of("numerator", "denominator"));
        k.put("label.per", Set.of("count", "unit", "base"));
        k.put("label.difference", Set.of("a", "b"));
        k.put("label.incidents", Set.of());
        k.put("label.incidents_within", Set.of("hours"));
        k.put("label.profile.population", Set.of());
        k.put("label.profile.townships", Set.of());
        k.put("label.profile.villages", Set.of());
        k.put("value.missing", Set.of());
        k.put("value.not_applicable", Set.of());
        k.put("value.yes", Set.of());
        k.put("value.no", Set.of());
        k.put("value.fraction", Set.of("numerator", "denominator", "decimal"));
        k.put("value.bound_zero", Set.of());
        k.put("value.rate", Set.of("rate", "count", "base", "unit"));
        return Map.copyOf(k);
    }

    /**
     * A template: literal text and placeholders {@code {name}}, {@code {name,points}} (a number
     * through {@code points.one} / {@code points.other}) and {@code {name,4}} (a number rounded to
     * four places).
     */
    private static final class Template {
        /** The whole text, when the template has no placeholder. */
        private final String literal;
        private final String[] texts;
        private final String[] names;
        private final String[] formats;

        private Template(String literal, String[] texts, String[] names, String[] formats) {
            this.literal = literal;
            this.texts = texts;
            this.names = names;
            this.formats = formats;
        }

        static Template parse(String file, String key, String text, Set<String> allowed) {
            List<String> texts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> formats = new ArrayList<>();
            int at = 0;
            while (true) {
                int open = text.indexOf('{', at);
                if (open < 0) {
                    break;
                }
                int close = text.indexOf('}', open);
                if (close < 0) {
                    throw new IllegalStateException(file + ": " + key + " opens a placeholder it does not close");
                }
                String[] slot = text.substring(open + 1, close).split(",", -1);
                String name = slot[0].trim();
                String format = slot.length > 1 ? slot[1].trim() : "";
                if (!allowed.contains(name)) {
                    throw new IllegalStateException(file + ": " + key + " may not use {" + name + "}"
                            + (allowed.isEmpty() ? " (it takes no placeholder)" : " (it may use " + new TreeSet<>(allowed) + ")"));
                }
                if (!format.isEmpty() && !format.equals("points") && !format.equals("4")) {
                    throw new IllegalStateException(file + ": " + key + ": unknown format " + format + " (points or 4)");
                }
                texts.add(text.substring(at, open));
                names.add(name);
                formats.add(format);
                at = close + 1;
            }
            texts.add(text.substring(at));
            if (names.isEmpty()) {
                return new Template(text, null, null, null);
            }
            return new Template(null, texts.toArray(String[]::new), names.toArray(String[]::new),
                    formats.toArray(String[]::new));
        }

        void render(StringBuilder s, Function<String, Object> args, Explanations words) {
            if (literal != null) {
                s.append(literal);
                return;
            }
            for (int n = 0; n < names.length; n++) {
                s.append(texts[n]);
                Object v = args.apply(names[n]);
                if (v instanceof BigDecimal d) {
                    switch (formats[n]) {
                        case "points" -> {
                            String unit = words.text(d.compareTo(BigDecimal.ONE) == 0 ? "points.one" : "points.other");
                            s.append(unit.replace("#", plain(d)));
                        }
                        case "4" -> s.append(plain(d.setScale(4, RoundingMode.HALF_UP)));
                        default -> s.append(plain(d));
                    }
                } else {
                    s.append(v);
                }
            }
            s.append(texts[names.length]);
        }
    }
}
