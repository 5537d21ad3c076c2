package org.safecounty.facts;

/** Readable names of the profile fields, which the exchange format fixes. */
final class ProfileLabels {

    private ProfileLabels() {
    }

    static String zh(String field) {
        return switch (field) {
            case "population" -> "常住人口";
            case "townships" -> "乡镇数";
            case "villages" -> "行政村数";
            default -> field;
        };
    }

    static String en(String field) {
        return switch (field) {
            case "population" -> "residents";
            case "townships" -> "townships";
            case "villages" -> "villages";
            default -> field;
        };
    }
}
