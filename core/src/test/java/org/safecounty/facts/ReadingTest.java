package org.safecounty.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class ReadingTest {

    private static Reading fraction(long numerator, long denominator) {
        return Reading.fraction(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator), "读数", "reading");
    }

    /** count × unit / base, as Worksheet.per builds it. */
    private static Reading per(long count, long base, long unit) {
        return Reading.fraction(BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(unit)), BigDecimal.valueOf(base),
                "读数", "reading");
    }

    @Test
    void atLeast_exactlyFourPerThousand_isTrue() {
        // 1368 × 1000 / 342000 = 1368000 / 342000 = 4 exactly
        Reading r = per(1368, 342000, 1000);
        assertTrue(r.atLeast(4));
        assertFalse(r.below(4));
        assertFalse(r.above(4));
        assertEquals(0, r.value().compareTo(BigDecimal.valueOf(4)));
    }

    @Test
    void below_oneSampleShortOfFourPerThousand_isTrue() {
        // 1367 × 1000 / 342000 = 3.99707… < 4
        Reading r = per(1367, 342000, 1000);
        assertTrue(r.below(4));
        assertFalse(r.atLeast(4));
    }

    @Test
    void atLeast_decimalThresholdGivenAsDouble_comparesTheDecimalExactly() {
        // 1/10 reaches 0.1 (the double 0.1 is read as the decimal 0.1, not 0.1000000000000000055…)
        assertTrue(fraction(1, 10).atLeast(0.1));
        // 3/10 reaches 0.3, although 0.1 + 0.2 != 0.3 in binary floating point
        assertTrue(fraction(3, 10).atLeast(0.3));
        assertFalse(fraction(3, 10).above(0.3));
    }

    @Test
    void atLeast_nonTerminatingFraction_comparesTheFractionNotItsRoundedValue() {
        // 2/3 rounds (34 digits, half-even) to 0.6666666666666666666666666666666667, yet exactly 2/3 is below it:
        // 2 < 0.6666666666666666666666666666666667 × 3 = 2.0000000000000000000000000000000001
        Reading r = fraction(2, 3);
        BigDecimal rounded = new BigDecimal("0.6666666666666666666666666666666667");
        assertEquals(rounded, r.value());
        assertFalse(r.atLeast(rounded));
        assertTrue(r.below(rounded));
        assertTrue(r.atLeast(new BigDecimal("0.6666666666666666666666666666666666")));
    }

    @Test
    void proportionOf_halfWayAtThirdDecimal_isExactlyPointSixTwoFive() {
        // 3 × (2/12) / 0.8 = 6 / 9.6 = 0.625 exactly; half-up to 2 decimals = 0.63
        // (in binary floating point 3 * (2.0/12) / 0.8 = 0.6249999999999999, which would round to 0.62)
        BigDecimal earned = fraction(2, 12).proportionOf(3, 0.8);
        assertEquals(0, earned.compareTo(new BigDecimal("0.625")));
        assertEquals(new BigDecimal("0.63"), earned.setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void proportionOf_valueAboveTarget_isCappedAtThePoints() {
        // 3 × min(1, 30/25) = 3 × 1 = 3
        BigDecimal earned = Reading.of(BigDecimal.valueOf(30), "学时", "hours").proportionOf(3, 25);
        assertEquals(0, earned.compareTo(BigDecimal.valueOf(3)));
    }

    @Test
    void proportionOf_targetZero_isRefused() {
        Reading r = Reading.of(BigDecimal.ONE, "x", "x");
        assertThrows(IllegalArgumentException.class, () -> r.proportionOf(3, 0));
    }

    @Test
    void fraction_zeroDenominator_isNotApplicable() {
        Reading r = fraction(0, 0);
        assertTrue(r.isNotApplicable());
        assertFalse(r.hasValue());
        assertEquals(Reading.Kind.NOT_APPLICABLE, r.kind());
    }

    @Test
    void missing_comparisons_areAllFalse() {
        Reading r = Reading.missing("评分", "score");
        assertTrue(r.isMissing());
        assertFalse(r.hasValue());
        assertFalse(r.isNotApplicable());
        assertFalse(r.atLeast(0));
        assertFalse(r.below(0));
        assertFalse(r.above(0));
        assertFalse(r.isTrue());
        assertEquals("缺少材料", r.display(true));
        assertEquals("missing", r.display(false));
    }

    @Test
    void missing_valueAndProportion_throw() {
        Reading r = Reading.missing("评分", "score");
        assertThrows(IllegalStateException.class, r::value);
        assertThrows(IllegalStateException.class, () -> r.proportionOf(3, 1));
    }

    @Test
    void notApplicable_comparisonsAreFalseAndDisplaySaysSo() {
        Reading r = Reading.notApplicable("比例", "share");
        assertFalse(r.atLeast(0));
        assertFalse(r.below(1));
        assertFalse(r.above(0));
        assertFalse(r.isMissing());
        assertEquals("无此项", r.display(true));
        assertEquals("not applicable", r.display(false));
        assertThrows(IllegalStateException.class, r::value);
    }

    @Test
    void ofFlag_trueAndFalse_readAsOneAndZero() {
        Reading yes = Reading.ofFlag(true, "有", "yes-flag");
        Reading no = Reading.ofFlag(false, "有", "yes-flag");
        assertTrue(yes.isFlag());
        assertTrue(yes.isTrue());
        assertFalse(no.isTrue());
        assertEquals(0, yes.value().compareTo(BigDecimal.ONE));
        assertEquals(0, no.value().compareTo(BigDecimal.ZERO));
        assertEquals("是", yes.display(true));
        assertEquals("no", no.display(false));
    }

    @Test
    void isTrue_numberReading_isFalse() {
        assertFalse(Reading.of(BigDecimal.ONE, "x", "x").isTrue());
    }

    @Test
    void display_fraction_showsBothPartsAndFourDecimals() {
        // 46/50 = 0.92
        assertEquals("46/50 = 0.92", fraction(46, 50).display(false));
    }

    @Test
    void from_keepsThePathOfTheEvidence() {
        Reading r = Reading.of(BigDecimal.TEN, "x", "x").from("evidence[3]");
        assertEquals("evidence[3]", r.origin());
        assertEquals(0, r.value().compareTo(BigDecimal.TEN));
    }
}
