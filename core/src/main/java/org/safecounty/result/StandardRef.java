package org.safecounty.result;

/** The exact rule pack that made a result: id, version and a SHA-256 over its files. */
public record StandardRef(String id, String version, String sha256) {
}
