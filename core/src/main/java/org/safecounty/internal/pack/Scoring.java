package org.safecounty.internal.pack;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic a pack declares in {@code pack.yaml}: how many decimals an indicator's points
 * keep ({@code decimals}), how they are rounded ({@code rounding}) and what a part that does not
 * apply to the county scores ({@code notApplicable}).
 */
public record Scoring(int decimals, RoundingMode rounding, NotApplicable notApplicable) {

    /** What a not-applicable part scores. */
    public enum NotApplicable {
        /** 无此项不扣分: the part's full points. */
        FULL_POINTS,
        /** 无此项不得分: no points. */
        ZERO
    }

    /** Points rounded as the pack says. */
    public BigDecimal round(BigDecimal points) {
        return points.setScale(decimals, rounding);
    }
}
