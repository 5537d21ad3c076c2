package org.safecounty.examples;

// tag::service[]
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.safecounty.Assessor;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.ResultJson;

/** A county's submission in, the reply to send back out: what the system's web endpoint calls. */
public final class AssessmentService {

    /** 200 and the result in the exchange format, or 422 and every problem of the submission. */
    public record Reply(int status, String json) {
    }

    private final Assessor assessor;
    private final ResultJson results = new ResultJson();
    private final JsonMapper mapper = new JsonMapper();

    public AssessmentService(Assessor assessor) {   // built once at start-up, shared by every request
        this.assessor = assessor;
    }

    // tag::assess[]
    public Reply assess(String submissionJson) {
        Outcome outcome = assessor.assess(submissionJson);
        if (outcome instanceof Outcome.Assessed assessed) {
            return new Reply(200, results.write(assessed.result()));
        }
        List<Problem> problems = ((Outcome.Rejected) outcome).problems();   // never empty
        return new Reply(422, errors(problems));
    }
    // end::assess[]

    /** {"errors": [{"path", "code", "message", "zh", "en"}, ...]}, as the command line writes them. */
    private String errors(List<Problem> problems) {
        try {
            return mapper.writeValueAsString(Map.of("errors", ResultJson.errors(problems)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings could not be written as JSON", e);
        }
    }
}
// end::service[]
