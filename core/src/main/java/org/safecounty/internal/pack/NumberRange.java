package org.safecounty.internal.pack;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The numbers a rule pack may write in {@code pack.yaml} and {@code parameters.yaml}: plain
 * decimal notation, finite, between {@link #min} and {@link #max}, with at most
 * {@value #MAX_DECIMALS} decimals ({@code whole}: none).
 *
 * <p>A number's text is checked <em>before</em> it becomes a {@link BigDecimal} that anything
 * else touches: {@code new BigDecimal("1e999999999")} is cheap, but its {@code toPlainString()},
 * {@code setScale} or a sum with a number of another scale would build a billion digits. So a
 * text longer than {@value #MAX_TEXT} characters, or with an exponent of more than
 * {@value #MAX_EXPONENT_DIGITS} digits, is refused as out of range from its length alone, and a
 * number that is read has at most {@value #MAX_TEXT} digits and an exponent below 1000: every
 * later operation on it is cheap. {@link #contains} never widens a number either, so it is safe
 * for any {@code BigDecimal}.
 *
 * @param min      the least value
 * @param aboveMin whether the value must be above {@code min} rather than at least {@code min}
 * @param max      the greatest value
 * @param whole    whether the value must be a whole number
 */
public record NumberRange(BigDecimal min, boolean aboveMin, BigDecimal max, boolean whole) {

    /** The most decimals any number of a pack may have. */
    public static final int MAX_DECIMALS = 6;

    /** The largest magnitude any number of a pack may have. */
    public static final BigDecimal LIMIT = new BigDecimal("1000000000");

    /** The longest text of a number, sign, point and exponent included. */
    public static final int MAX_TEXT = 40;

    /** The most digits of an exponent ({@code 1e999} at most). */
    public static final int MAX_EXPONENT_DIGITS = 3;

    /** Every number of a pack: 0 to 1,000,000,000, at most 6 decimals. */
    public static final NumberRange ANY = new NumberRange(BigDecimal.ZERO, false, LIMIT, false);

    /** Above 0, at most 1,000,000,000: a divisor such as a proportional target. */
    public static final NumberRange POSITIVE = new NumberRange(BigDecimal.ZERO, true, LIMIT, false);

    /** A share: 0 to 1. */
    public static final NumberRange FRACTION = upTo(BigDecimal.ONE);

    /** A whole number from 0 to 1,000,000,000: a count. */
    public static final NumberRange COUNT = wholeNumber(0, 1_000_000_000L);

    /** A percentage: 0 to 100. */
    public static final NumberRange PERCENT = upTo(BigDecimal.valueOf(100));

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:(\\d+)(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?(\\d+))?");
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN)");
    private static final Pattern NUMBER_CHARACTERS = Pattern.compile("[-+0-9.eE_]+");

    public NumberRange {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("empty range " + min + " to " + max);
        }
    }

    /** 0 to {@code max}, at most 6 decimals. */
    public static NumberRange upTo(BigDecimal max) {
        return new NumberRange(BigDecimal.ZERO, false, max, false);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static NumberRange wholeNumber(long min, long max) {
        return new NumberRange(BigDecimal.valueOf(min), false, BigDecimal.valueOf(max), true);
    }

    /** Whether the value is in the range, with no more decimals than allowed. */
    public boolean contains(BigDecimal value) {
        if (value.signum() != 0 && value.precision() - value.scale() > LIMIT.precision() + 1) {
            return false; // far above any limit: decided from the exponent, nothing is widened
        }
        int lowest = value.compareTo(min);
        return (aboveMin ? lowest > 0 : lowest >= 0) && value.compareTo(max) <= 0
                && decimals(value) <= (whole ? 0 : MAX_DECIMALS);
    }

    /** The decimals a value needs, trailing zeros aside; never widens the number. */
    static int decimals(BigDecimal value) {
        if (value.scale() <= 0) {
            return 0;
        }
        if (value.scale() > MAX_TEXT) {
            // more decimals than any text we read can have; stripping zeros could be costly
            return value.scale();
        }
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** The range in Chinese, e.g. {@code 0 至 1,000,000,000，最多 6 位小数}. */
    public String zh() {
        if (whole) {
            return plain(min) + " 至 " + plain(max) + " 的整数";
        }
        return (aboveMin ? "大于 " + plain(min) + "、至多 " : plain(min) + " 至 ") + plain(max)
                + "，最多 " + MAX_DECIMALS + " 位小数";
    }

    /** The range in English, e.g. {@code 0 to 1,000,000,000, at most 6 decimals}. */
    public String en() {
        if (whole) {
            return "a whole number from " + plain(min) + " to " + plain(max);
        }
        return (aboveMin ? "above " + plain(min) + " and at most " : plain(min) + " to ") + plain(max)
                + ", at most " + MAX_DECIMALS + " decimals";
    }

    /** Why a number's text was not read. */
    public enum Refusal {
        /** Not a number at all. */
        NOT_A_NUMBER,
        /** {@code .inf}, {@code -.inf}, {@code .nan}. */
        NOT_FINITE,
        /** A number, but not in plain decimal notation: hexadecimal, octal, a leading zero, underscores. */
        NOTATION,
        /** Too long, or an exponent too large, to be in any range of a pack. */
        OUT_OF_RANGE
    }

    /** A number's text read: its value, or why it was not read. */
    public record Read(BigDecimal value, Refusal refusal) {
    }

    /**
     * Reads a number's text, checking its length and exponent before any {@link BigDecimal} is
     * made. A read value still has to be checked against a range with {@link #contains}.
     */
    public static Read read(String text) {
        String t = text.strip();
        if (t.length() > MAX_TEXT) {
            return new Read(null, NUMBER_CHARACTERS.matcher(t.length() > 10_000 ? t.substring(0, 10_000) : t).matches()
                    ? Refusal.OUT_OF_RANGE : Refusal.NOT_A_NUMBER);
        }
        if (NON_FINITE.matcher(t).matches()) {
            return new Read(null, Refusal.NOT_FINITE);
        }
        var m = DECIMAL.matcher(t);
        if (!m.matches()) {
            boolean numberLike = t.chars().anyMatch(Character::isDigit)
                    && (NUMBER_CHARACTERS.matcher(t).matches() || t.matches("[-+]?0[xXoObB][0-9a-fA-F_]+"));
            return new Read(null, numberLike ? Refusal.NOTATION : Refusal.NOT_A_NUMBER);
        }
        String exponent = m.group(2);
        if (exponent != null && exponent.replaceFirst("^0+(?=.)", "").length() > MAX_EXPONENT_DIGITS) {
            return new Read(null, Refusal.OUT_OF_RANGE);
        }
        String integer = m.group(1);
        if (integer != null && integer.length() > 1 && integer.charAt(0) == '0') {
            return new Read(null, Refusal.NOTATION); // YAML 1.1 reads 010 as octal 8
        }
        try {
            return new Read(new BigDecimal(t), null);
        } catch (NumberFormatException e) {
            return new Read(null, Refusal.NOT_A_NUMBER);
        }
    }

    /**
     * A text as a message may show it: at most 24 characters, control characters escaped, and
     * the length of a longer text.
     */
    public static String shown(String text, boolean chinese) {
        StringBuilder s = new StringBuilder();
        int shownChars = 0;
        for (int i = 0; i < text.length() && shownChars < 24; i++, shownChars++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        if (text.length() > 24) {
            s.append(chinese ? "…（共 " + String.format("%,d", text.length()) + " 个字符）"
                    : "… (" + String.format("%,d", text.length()) + " characters)");
        }
        return s.toString();
    }

    /** A bound as a message shows it: plain, thousands grouped ({@code 1,000,000,000}, {@code 0.5}). */
    public static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        String p = (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        int point = p.indexOf('.');
        String integer = point < 0 ? p : p.substring(0, point);
        boolean negative = integer.startsWith("-");
        String digits = negative ? integer.substring(1) : integer;
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return (negative ? "-" : "") + grouped + (point < 0 ? "" : p.substring(point));
    }
}
