package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.TaskScore;

/** Scores stay inside the bounds the standard sets (§3, §4, §5). */
class ScoreBoundsTest {

    static final Hebei2014 H = Hebei2014.load();

    @Test
    void theBaseScoreIsBetween0And100() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            BigDecimal base = H.assess(s).baseScore();
            assertTrue(base.signum() >= 0 && base.compareTo(BigDecimal.valueOf(100)) <= 0, base::toPlainString);
        });
    }

    @Test
    void theBonusIsBetween0AndItsCap() {
        BigDecimal cap = H.pack.parameters().number("bonus.cap");
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            BigDecimal bonus = H.assess(s).bonusScore();
            assertTrue(bonus.signum() >= 0 && bonus.compareTo(cap) <= 0, bonus::toPlainString);
        });
    }

    @Test
    void everyIndicatorScoresBetween0AndItsMaximum() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            for (IndicatorResult i : H.assess(s).indicators()) {
                assertTrue(i.score().signum() >= 0 && i.score().compareTo(i.max()) <= 0, i.id() + " " + i.score());
            }
        });
    }

    @Test
    void eachTaskIsTheSumOfItsIndicatorsAndTheTotalIsBasePlusBonus() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            AssessmentResult r = H.assess(s);
            for (TaskScore t : r.tasks()) {
                BigDecimal sum = r.indicators().stream().filter(i -> i.task().equals(t.id()))
                        .map(IndicatorResult::score).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, sum.compareTo(t.score()), t.id());
            }
            assertEquals(0, r.baseScore().add(r.bonusScore()).compareTo(r.totalScore()));
        });
    }

    @Test
    void everyIndicatorScoreHasAtMostTwoDecimals() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> H.assess(s).indicators()
                .forEach(i -> assertTrue(i.score().stripTrailingZeros().scale() <= 2, i.id() + " " + i.score())));
    }
}
