package org.safecounty.internal.authoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.catalogue.PlanCheck;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * Everything {@code safecounty validate} checks in a pack before it goes live: that it loads (the
 * catalogue and parameters read, the sandbox's source check, the manifest, compiling, and that its
 * rules and catalogue describe the same plan, {@link PlanCheck}) and what the plan check only warns
 * of ({@link RulePack#warnings()}). Clean when the list is empty.
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

    /** The errors that refuse the pack, or else the warnings of the pack that loads. */
    public static List<Problem> validate(PackFiles files, PackPolicy policy) {
        try {
            return RulePack.load(files, policy).warnings();
        } catch (RulePackException e) {
            return e.problems();
        }
    }
}
