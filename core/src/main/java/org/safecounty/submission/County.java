package org.safecounty.submission;

/** The county profile of a submission: its GB/T 2260 code, names and the sizes ratios use. */
public record County(String code, String name, String city, long population, long townships, long villages) {
}
