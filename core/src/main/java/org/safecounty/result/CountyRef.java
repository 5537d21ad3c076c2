package org.safecounty.result;

/** Which county a result is about. */
public record CountyRef(String code, String name) {
}
