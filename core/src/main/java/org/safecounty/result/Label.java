package org.safecounty.result;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reading is called, as data: a key of the pack, a field of the county profile, a ratio,
 * a rate per so many of a base, a difference, a count of incidents, or a text a rule gave. The
 * words are {@linkplain Explanations rendered} only when a result is written, in the language of
 * the writer; a key's label belongs to its pack and is built once per pack and language.
 */
public sealed interface Label {

    /** How deep labels nest before they are rendered at once: rules that nest readings without end stay cheap. */
    int MAX_DEPTH = 8;

    /** The evidence keys (or {@code county.*} profile fields) this label is made of, in order. */
    default List<String> keys() {
        List<String> keys = new ArrayList<>();
        collectKeys(this, keys);
        return List.copyOf(keys);
    }

    /** How many labels deep this one is (a key: 1). */
    int depth();

    /** A text a rule or a caller gave in both languages (a language of its own shows one of them). */
    static Label text(String zh, String en) {
        return new Text(zh, en);
    }

    /** numerator / denominator. */
    static Label ratio(Label numerator, Label denominator) {
        return collapsed(new Ratio(numerator, denominator));
    }

    /** count per {@code unit} of base. */
    static Label per(Label count, Label base, BigDecimal unit) {
        return collapsed(new Per(count, base, unit));
    }

    /** a − b. */
    static Label difference(Label a, Label b) {
        return collapsed(new Difference(a, b));
    }

    /** A label nested too deep is rendered now, so that writing it never walks a long chain. */
    private static Label collapsed(Label label) {
        if (label.depth() <= MAX_DEPTH) {
            return label;
        }
        return new Text(Explanations.ZH.label(label), Explanations.EN.label(label));
    }

    private static void collectKeys(Label label, List<String> keys) {
        if (label instanceof Key k) {
            add(keys, k.name());
        } else if (label instanceof Profile p) {
            add(keys, "county." + p.field());
        } else if (label instanceof Ratio r) {
            collectKeys(r.numerator(), keys);
            collectKeys(r.denominator(), keys);
        } else if (label instanceof Per p) {
            collectKeys(p.count(), keys);
            collectKeys(p.base(), keys);
        } else if (label instanceof Difference d) {
            collectKeys(d.a(), keys);
            collectKeys(d.b(), keys);
        }
    }

    private static void add(List<String> keys, String key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    /**
     * A key of the pack's catalogue with its names, e.g. {@code 考核权重（%）} and
     * {@code org.assessment_weight_pct}. One per key and pack: its rendered text is kept per language.
     */
    final class Key implements Label {
        private final String name;
        private final String zh;
        private final String en;
        /** Rendered text by {@link Explanations#index()}; filled on first use, racing harmlessly. */
        private volatile String[] rendered = new String[2];

        public Key(String name, String zh, String en) {
            this.name = Objects.requireNonNull(name);
            this.zh = zh;
            this.en = en;
        }

        public String name() {
            return name;
        }

        /** The Chinese name from the pack, or {@code null}. */
        public String zh() {
            return zh;
        }

        /** The English name from the pack, or {@code null}. */
        public String en() {
            return en;
        }

        @Override
        public int depth() {
            return 1;
        }

        String rendered(int index) {
            String[] r = rendered;
            return index < r.length ? r[index] : null;
        }

        void remember(int index, String text) {
            String[] r = rendered;
            if (index >= r.length) {
                r = java.util.Arrays.copyOf(r, index + 1);
            } else {
                r = r.clone();
            }
            r[index] = text;
            rendered = r;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.name.equals(name) && Objects.equals(k.zh, zh) && Objects.equals(k.en, en);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "Key[" + name + "]";
        }
    }

    /** A field of the county profile: {@code population}, {@code townships} or {@code villages}. */
    record Profile(String field) implements Label {
        public Profile {
            Objects.requireNonNull(field);
        }

        @Override
        public int depth() {
            return 1;
        }
    }

    /** A text in Chinese and English, as a rule wrote it. */
    record Text(String zh, String en) implements Label {
        @Override
        public int depth() {
            return 1;
        }
    }

    /** numerator / denominator. */
    record Ratio(Label numerator, Label denominator) implements Label {
        @Override
        public int depth() {
            return 1 + Math.max(numerator.depth(), denominator.depth());
        }
    }

    /** count per {@code unit} of base, e.g. samples per 1,000 residents. */
    record Per(Label count, Label base, BigDecimal unit) implements Label {
        @Override
        public int depth() {
            return 1 + Math.max(count.depth(), base.depth());
        }
    }

    /** a − b. */
    record Difference(Label a, Label b) implements Label {
        @Override
        public int depth() {
            return 1 + Math.max(a.depth(), b.depth());
        }
    }

    /** The number of counted incidents. */
    record Incidents() implements Label {
        @Override
        public int depth() {
            return 1;
        }
    }

    /** The number of counted incidents reported within {@code hours}. */
    record IncidentsWithin(BigDecimal hours) implements Label {
        @Override
        public int depth() {
            return 1;
        }
    }
}
