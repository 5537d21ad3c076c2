package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;

class EmbeddingExampleTest {

    final EmbeddingExample example = new EmbeddingExample(Assessor.bundled());

    @Test
    void handle_returnsTheResultJsonOfAValidSubmission() throws IOException {
        String out = example.handle(Files.readString(Path.of("samples/130123-zhengding.json")));
        assertEquals("EXCELLENT", new JsonMapper().readTree(out).get("verdict").asText());
    }

    @Test
    void handle_returnsEveryProblemOfAnInvalidSubmission() throws IOException {
        String broken = Files.readString(Path.of("samples/130123-zhengding.json"))
                .replace("\"ACCEPTANCE\"", "\"REVIEW\"").replace("\"130123\"", "\"13012\"");
        String out = example.handle(broken);
        assertTrue(out.startsWith("submission rejected"), out);
        assertTrue(out.contains("assessment.mode") && out.contains("county.code"), out);
    }

    @Test
    void handle_isSafeToShareBetweenThreads() throws Exception {
        List<String> files = List.of("samples/130123-zhengding.json", "samples/131022-guan.json",
                "samples/130730-huailai.json", "samples/130181-xinji.json");
        List<String> inputs = files.stream().map(EmbeddingExampleTest::read).toList();
        List<String> alone = inputs.stream().map(example::handle).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> example.handle(inputs.get(i % inputs.size())))).toList();
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(alone.get(i % inputs.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
