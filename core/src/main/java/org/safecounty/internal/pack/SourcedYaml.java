package org.safecounty.internal.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A YAML file as read, or laid together from several ({@link org.safecounty.internal.catalogue.PackOverlay}), with where each of its
 * places came from, so that a problem found in it names the file and line a person wrote.
 *
 * @param root    the tree, numbers already checked from their text (unsafe ones stay text)
 * @param places  for each place (a JSON pointer, {@code /tasks/2/max}): {@code file:line} where it
 *                was written, the file named as the pack's author sees it ({@code parameters.yaml}
 *                for the pack's own, {@code hebei-fds-county-2014/parameters.yaml} for a base's)
 * @param numbers for each number, its text as written
 */
public record SourcedYaml(JsonNode root, Map<String, String> places, Map<String, String> numbers) {

    public SourcedYaml {
        places = Map.copyOf(places);
        numbers = Map.copyOf(numbers);
    }

    /** {@code file:line} of the place or of the nearest enclosing one that has a source; else {@code null}. */
    public String place(String pointer) {
        String key = pointer;
        while (true) {
            String place = places.get(key);
            if (place != null || key.isEmpty()) {
                return place;
            }
            key = key.substring(0, key.lastIndexOf('/'));
        }
    }
}
