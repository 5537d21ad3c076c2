package org.safecounty.submission;

/**
 * How large a submission may be, so that no input can exhaust memory: its size in characters,
 * the numbers of evidence items and incidents, the length of any text, and how deeply JSON may nest.
 */
public record SubmissionLimits(int maxChars, int maxEvidence, int maxIncidents, int maxTextLength, int maxDepth) {

    public SubmissionLimits {
        if (maxChars < 1 || maxEvidence < 1 || maxIncidents < 0 || maxTextLength < 1 || maxDepth < 4) {
            throw new IllegalArgumentException("limits must be positive (and a depth of at least 4): " + this);
        }
    }

    /** 5 million characters, 10,000 evidence items, 1,000 incidents, texts of 2,000, depth 16. */
    public static SubmissionLimits defaults() {
        return new SubmissionLimits(5_000_000, 10_000, 1_000, 2_000, 16);
    }
}
