package org.safecounty.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Thin QuickTheories adapters: each choice of a generator is one draw from QuickTheories'
 * randomness, so a failing submission shrinks choice by choice towards the simplest.
 */
public final class QuickTheoriesGens {

    private QuickTheoriesGens() {
    }

    public static Gen<ObjectNode> validSubmissions(SubmissionGenerator generator) {
        return in -> generator.valid((min, max) -> in.next(Constraint.between(min, max)));
    }

    public static Gen<InvalidSubmission> invalidSubmissions(SubmissionGenerator generator) {
        return in -> generator.invalid((min, max) -> in.next(Constraint.between(min, max)));
    }

    /** Draws for any generator of this kit. */
    public static Gen<Draws> draws() {
        return in -> (min, max) -> in.next(Constraint.between(min, max));
    }
}
