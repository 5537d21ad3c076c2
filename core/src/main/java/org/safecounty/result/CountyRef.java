package org.safecounty.result;

/**
 * Which county a result is about: its division code, its name and the city it belongs to, as its
 * submission gave them ({@code city} is {@code ""} when the submission names none).
 */
public record CountyRef(String code, String name, String city) {

    public CountyRef {
        city = city == null ? "" : city;
    }
}
