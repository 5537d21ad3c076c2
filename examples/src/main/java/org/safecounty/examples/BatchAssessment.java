package org.safecounty.examples;

// tag::batch[]
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.safecounty.Assessor;
import org.safecounty.result.Outcome;

/** Every submission in a folder at once: each file's verdict code, or REJECTED. */
public final class BatchAssessment {

    public static Map<String, String> verdicts(Assessor assessor, Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        List<String> submissions = new ArrayList<>();
        for (Path f : files) {
            submissions.add(Files.readString(f));
        }
        // in parallel, each submission on its own: a rejected one never stops the others
        List<Outcome> outcomes = assessor.assessAll(submissions);   // in the order of the inputs
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            verdicts.put(files.get(i).getFileName().toString(), outcomes.get(i) instanceof Outcome.Assessed a
                    ? a.result().verdict().code() : "REJECTED");
        }
        return verdicts;
    }
}
// end::batch[]
