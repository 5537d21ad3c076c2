package org.safecounty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.safecounty.pack.PackFiles;
import org.safecounty.pack.PlanCheck;
import org.safecounty.validation.Problem;

/**
 * Everything {@code safecounty validate} checks in a pack before it goes live: that it loads (the
 * catalogue and parameters read, the sandbox's source check, the manifest, compiling) and that its
 * rules and catalogue describe the same plan ({@link PlanCheck}). Clean when the list is empty.
 */
public final class PackValidation {

    private PackValidation() {
    }

    /** Every problem of the pack in a folder, with file and line. */
    public static List<Problem> validate(Path dir, PackPolicy policy) {
        try {
            return validate(PackFiles.fromDirectory(dir), policy);
        } catch (IOException e) {
            return List.of(PackFiles.problem(dir.toString(), e));
        }
    }

    public static List<Problem> validate(PackFiles files, PackPolicy policy) {
        RulePack pack;
        try {
            pack = RulePack.load(files, policy);
        } catch (RulePackException e) {
            return e.problems();
        }
        // the plan of a revision is the plan laid over its base
        return new ArrayList<>(new PlanCheck().check(pack.files(), pack.catalogue(), pack.parameters()));
    }
}
