package org.safecounty.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.ResultJson;

/**
 * How a government system embeds safecounty: build one {@link Assessor} at start-up, share it
 * between threads, hand it each submission, and act on the outcome.
 */
public final class EmbeddingExample {

    private final Assessor assessor;
    private final ResultJson json = new ResultJson();

    /** The assessor is injected: built once from the bundled packs, or from a pack folder. */
    public EmbeddingExample(Assessor assessor) {
        this.assessor = assessor;
    }

    /** Returns the result JSON to store, or a list of problems to send back to the county. */
    public String handle(String submissionJson) {
        Outcome outcome = assessor.assess(submissionJson);
        if (outcome instanceof Outcome.Assessed assessed) {
            AssessmentResult result = assessed.result();
            return json.write(result);
        }
        StringBuilder reply = new StringBuilder("submission rejected:\n");
        for (Problem p : ((Outcome.Rejected) outcome).problems()) {
            reply.append("  ").append(p.path()).append(": ").append(p.message()).append('\n');
        }
        return reply.toString();
    }

    /** {@code EmbeddingExample FILE [PACK_DIR]}: assesses one file with the bundled or given pack. */
    public static void main(String[] args) throws IOException {
        Assessor assessor = args.length > 1 ? Assessor.of(RulePack.load(Path.of(args[1]))) : Assessor.bundled();
        String submission = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        System.out.print(new EmbeddingExample(assessor).handle(submission));
    }
}
