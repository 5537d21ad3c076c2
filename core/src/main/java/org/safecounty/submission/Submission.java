package org.safecounty.submission;

import java.util.List;

/** One county's submission for one assessment, as the exchange format defines it. */
public record Submission(County county, AssessmentInfo assessment, List<EvidenceItem> evidence,
                         List<Incident> incidents) {

    public Submission {
        evidence = List.copyOf(evidence);
        incidents = List.copyOf(incidents);
    }
}
