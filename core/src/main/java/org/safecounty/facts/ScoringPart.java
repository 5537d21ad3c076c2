package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * One scored part of an item as a rule scored it: its form, the reading, its scale and what it
 * earned. Kept so that the rectification list can say what change would earn more.
 */
record ScoringPart(Form form, Reading reading, List<Band> bands, BigDecimal full, BigDecimal target,
                   BigDecimal earned) {

    enum Form { STEPPED, PROPORTIONAL, FLAG }

    static ScoringPart stepped(Reading reading, List<Band> bands, BigDecimal earned) {
        return new ScoringPart(Form.STEPPED, reading, List.copyOf(bands), bands.get(0).points(), null, earned);
    }

    static ScoringPart proportional(Reading reading, BigDecimal full, BigDecimal target, BigDecimal earned) {
        return new ScoringPart(Form.PROPORTIONAL, reading, List.of(), full, target, earned);
    }

    static ScoringPart flag(Reading reading, BigDecimal full, BigDecimal earned) {
        return new ScoringPart(Form.FLAG, reading, List.of(), full, null, earned);
    }

    /** The points of the first band a reading reaches, 0 when none. */
    BigDecimal steppedPoints(Reading at) {
        return bands.stream().filter(b -> at.atLeast(b.atLeast())).map(Band::points).findFirst()
                .orElse(BigDecimal.ZERO);
    }

    /** Whether a county can move this part: not applicable parts and readings no key moves cannot. */
    boolean movable() {
        return !reading.isNotApplicable() && reading.lever() != null && earned.compareTo(full) < 0;
    }
}
