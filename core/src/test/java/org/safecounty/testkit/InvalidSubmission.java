package org.safecounty.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated submission with one defect, and the JSON path that a problem must name.
 *
 * @param submission the submission, in the exchange format's JSON
 */
public record InvalidSubmission(ObjectNode submission, Defect defect, String path) {
}
