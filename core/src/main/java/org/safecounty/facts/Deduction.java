package org.safecounty.facts;

import java.math.BigDecimal;

/** A deduction as a rule made it: {@code each} point off per occurrence counted in {@code count}. */
record Deduction(Reading count, BigDecimal each) {

    BigDecimal occurrences() {
        return count.hasValue() ? count.value() : BigDecimal.ZERO;
    }

    BigDecimal cut() {
        return occurrences().multiply(each);
    }

    boolean movable() {
        return count.hasValue() && count.value().signum() > 0 && count.lever() != null;
    }
}
