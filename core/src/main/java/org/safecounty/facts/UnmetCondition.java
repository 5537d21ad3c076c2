package org.safecounty.facts;

import java.math.BigDecimal;

/**
 * A condition a key's evidence must meet before it counts, unmet for this county: a survey key
 * counts only when {@code key} (its respondents) counts and reaches {@code atLeast}. A step that
 * raises the survey key must meet the condition too.
 *
 * @param counted whether {@code key} was counted at all (it is then raised, else supplied)
 */
public record UnmetCondition(String key, BigDecimal atLeast, boolean counted) {
}
