package org.safecounty.internal.pack;

/**
 * A key that a submission's evidence may carry.
 *
 * @param absentMeans  the value to assume when no item of the key counts ({@code null}: the key is
 *                     then missing)
 * @param atMost       what the key's value can never exceed, e.g. {@code a.total} or
 *                     {@code county.townships} ({@code null}: no bound). A counted value above it is
 *                     inconsistent evidence and rejects the submission.
 * @param perResidents the parameter naming how many residents the standard reads this count per
 *                     ({@code null}: read as it is); used by generators and explanations
 */
public record KeySpec(String name, KeyType type, String zh, String en, Object absentMeans, Bound atMost,
                      String perResidents) {

    public KeySpec(String name, KeyType type, String zh, String en, Object absentMeans) {
        this(name, type, zh, en, absentMeans, null, null);
    }
}
