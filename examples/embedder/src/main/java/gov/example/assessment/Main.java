package gov.example.assessment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.safecounty.Assessor;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/** Assesses county submissions with the bundled standards: each file's verdict and total, or its problems. */
public final class Main {

    public static void main(String[] args) throws IOException {
        Assessor assessor = Assessor.bundled();   // build it once and share it: it is thread-safe
        int status = 0;
        for (String file : args) {
            Outcome outcome = assessor.assess(Files.readString(Path.of(file)));
            if (outcome instanceof Outcome.Assessed assessed) {
                AssessmentResult r = assessed.result();
                System.out.println(file + ": " + r.verdict().code() + " " + r.totalScore() + " " + r.county().name());
            } else {
                status = 2;   // rejected: every problem, with its JSON path, in Chinese and English
                for (Problem p : ((Outcome.Rejected) outcome).problems()) {
                    System.out.println(file + ": " + p.path() + ": " + p.message());
                }
            }
        }
        System.exit(status);
    }
}
