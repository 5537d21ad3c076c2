package org.safecounty.pack;

/**
 * A key that a submission's evidence may carry.
 *
 * @param absentMeans the value to assume when no item of the key counts ({@code null}: the key is
 *                    then missing)
 */
public record KeySpec(String name, KeyType type, String zh, String en, Object absentMeans) {
}
