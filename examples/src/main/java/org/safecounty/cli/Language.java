package org.safecounty.cli;

import java.util.Locale;
import java.util.Optional;
import org.safecounty.internal.report.Lang;
import picocli.CommandLine;

/**
 * The language of what a person reads ({@code --lang}): Chinese, English, or both side by side,
 * Chinese first, as the command line writes by default. JSON carries both and ignores it.
 */
enum Language {
    ZH, EN, BOTH;

    /** A sentence: {@code 中文 / English}, or one of them. */
    String say(String zh, String en) {
        return switch (this) {
            case ZH -> zh;
            case EN -> en;
            case BOTH -> zh + " / " + en;
        };
    }

    /** A label: {@code 结论 verdict}, or one of them. */
    String label(String zh, String en) {
        return switch (this) {
            case ZH -> zh;
            case EN -> en;
            case BOTH -> zh + " " + en;
        };
    }

    /**
     * A message that carries both languages as {@code 中文 / English} (as the library's problems and
     * configuration errors do), cut to this language; one without that separator is kept whole.
     */
    String pick(String zhSlashEn) {
        int slash = zhSlashEn.indexOf(" / ");
        if (this == BOTH || slash < 0) {
            return zhSlashEn;
        }
        return this == ZH ? zhSlashEn.substring(0, slash) : zhSlashEn.substring(slash + 3);
    }

    /** The one language of a report written in one ({@link Lang}), empty for both. */
    Optional<Lang> one() {
        return switch (this) {
            case ZH -> Optional.of(Lang.ZH);
            case EN -> Optional.of(Lang.EN);
            case BOTH -> Optional.empty();
        };
    }

    /** {@code zh}, {@code en} or {@code both}, case-insensitive; null when it is none of them. */
    static Language parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "cn" -> ZH;
            case "en", "en-gb", "en-us" -> EN;
            case "both" -> BOTH;
            default -> null;
        };
    }

    /** picocli's converter for {@code --lang}: an unknown value is a usage error naming the option. */
    static final class Converter implements CommandLine.ITypeConverter<Language> {
        @Override
        public Language convert(String value) {
            Language l = parse(value);
            if (l == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not zh, en or both");
            }
            return l;
        }
    }
}
