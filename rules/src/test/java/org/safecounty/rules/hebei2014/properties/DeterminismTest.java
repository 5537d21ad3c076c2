package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;

/** The same submission and pack always give the same bytes (exchange format). */
class DeterminismTest {

    static final Hebei2014 H = Hebei2014.load();
    static final ResultJson JSON = new ResultJson();

    @Test
    void shufflingEvidenceOrIncidentsNeverChangesTheResultBytes() {
        Gen<Long> seeds = SourceDSL.longs().all();
        Hebei2014.qt().forAll(H.submissions(), seeds).checkAssert((s, seed) -> {
            ObjectNode shuffled = s.deepCopy();
            shuffle((ArrayNode) shuffled.get("evidence"), seed);
            shuffle((ArrayNode) shuffled.get("incidents"), seed + 1);
            assertEquals(JSON.write(H.assess(s)), JSON.write(H.assess(shuffled)));
        });
    }

    @Test
    void assessingTwiceGivesTheSameBytes() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s ->
                assertEquals(JSON.write(H.assess(s)), JSON.write(H.assess(s))));
    }

    @Test
    void aCountysResultIsTheSameAloneAndInsideABatch() {
        Hebei2014.qt(20).forAll(SourceDSL.lists().of(H.submissions()).ofSizeBetween(2, 12)).checkAssert(batch -> {
            List<String> jsons = batch.stream().map(JsonNode::toString).toList();
            List<Outcome> together = H.assessor.assessAll(jsons);
            IntStream.range(0, jsons.size()).forEach(i -> assertEquals(
                    JSON.write(((Outcome.Assessed) H.assessor.assess(jsons.get(i))).result()),
                    JSON.write(((Outcome.Assessed) together.get(i)).result())));
        });
    }

    private static void shuffle(ArrayNode array, long seed) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        java.util.Collections.shuffle(items, new java.util.Random(seed));
        array.removeAll();
        items.forEach(array::add);
    }
}
