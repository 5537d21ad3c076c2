package org.safecounty.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.cli.workbench.Workbench;
import org.safecounty.cli.workbench.WorkbenchServer;
import org.safecounty.internal.pack.PackFiles;

/**
 * The workbench's server refuses what a page of another site, a rebound DNS name or a careless
 * request could do, tested with a plain socket (no browser, every header as written): no token or
 * a wrong one, a foreign Origin, a Host other than 127.0.0.1 or localhost with the port, a save name
 * that leaves the workspace or a symbolic link out of it, a body over the limit, a change by GET.
 */
class WorkbenchSecurityTest {

    @TempDir
    static Path dir;
    static Path workspace;
    static Path outside;
    static WorkbenchServer server;

    @BeforeAll
    static void start() throws IOException {
        workspace = Files.createDirectories(dir.resolve("workspace"));
        outside = Files.createDirectories(dir.resolve("outside"));
        PackFiles own = PackFiles.fromClasspath("hebei-fds-county-2014", RulePack.class.getClassLoader()).orElseThrow();
        Path province = Path.of("province");
        Map<String, String> data = Map.of("130103.json", Files.readString(province.resolve("130103.json")));
        Workbench bench = new Workbench(RulePack.load(own), own, data, workspace.toRealPath(), PackPolicy.any());
        server = WorkbenchServer.start(bench, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sends a request as written and returns the status code and body. */
    static String[] raw(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer and close before reading an oversized body
                }
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            String text = got.toString(StandardCharsets.UTF_8);
            String status = text.substring(9, 12);
            int split = text.indexOf("\r\n\r\n");
            return new String[] {status, split < 0 ? "" : text.substring(split + 4)};
        }
    }

    static Map<String, String> good() {
        return Map.of("Host", "127.0.0.1:" + server.port(), WorkbenchServer.TOKEN_HEADER, server.token());
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.LinkedHashMap<>(base);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    @Test
    void state_withTheTokenAnswers200() throws IOException {
        assertEquals("200", raw("GET", "/api/state", good(), null)[0]);
        assertEquals("200", raw("GET", "/api/state", with(good(), "Host", "localhost:" + server.port()), null)[0]);
    }

    @Test
    void token_isAtLeast128RandomBits() {
        assertTrue(server.token().matches("[0-9a-f]{32,}"), server.token());
        assertTrue(server.url().startsWith("http://127.0.0.1:" + server.port() + "/#token=" + server.token()));
    }

    @Test
    void missingOrWrongToken_is403() throws IOException {
        assertEquals("403", raw("GET", "/api/state", with(good(), WorkbenchServer.TOKEN_HEADER, null), null)[0]);
        assertEquals("403", raw("GET", "/api/state", with(good(), WorkbenchServer.TOKEN_HEADER, "0".repeat(32)), null)[0]);
        assertEquals("403", raw("POST", "/api/draft", with(good(), WorkbenchServer.TOKEN_HEADER, null),
                "{}".getBytes(StandardCharsets.UTF_8))[0]);
        // the token in the query string is not accepted either: only the header
        assertEquals("403", raw("GET", "/api/state?token=" + server.token(),
                with(good(), WorkbenchServer.TOKEN_HEADER, null), null)[0]);
    }

    @Test
    void foreignOrigin_is403() throws IOException {
        assertEquals("403", raw("POST", "/api/draft", with(good(), "Origin", "http://evil.example"),
                "{}".getBytes(StandardCharsets.UTF_8))[0]);
        assertEquals("403", raw("GET", "/api/state", with(good(), "Origin", "http://127.0.0.1:1"), null)[0]);
        assertEquals("200", raw("GET", "/api/state", with(good(), "Origin", "http://127.0.0.1:" + server.port()), null)[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:PORT", "127.0.0.1", "127.0.0.1.evil.example:PORT", "0.0.0.0:PORT"})
    void otherHost_isRefused(String host) throws IOException {
        Map<String, String> h = with(good(), "Host", host.replace("PORT", String.valueOf(server.port())));
        assertEquals("403", raw("GET", "/api/state", h, null)[0]);
        assertEquals("403", raw("GET", "/", h, null)[0], "the page too");
    }

    @Test
    void scoringSheet_needsTheToken_andIsAWorkbook() throws IOException {
        assertEquals("403", raw("GET", "/api/document.xlsx", with(good(), WorkbenchServer.TOKEN_HEADER, null), null)[0]);
        String[] r = raw("GET", "/api/document.md", good(), null);
        assertEquals("200", r[0]);
        assertTrue(r[1].startsWith("# 评分细则 · Scoring sheet"), r[1]);
    }

    @Test
    void changesByGet_areRefused() throws IOException {
        assertEquals("405", raw("GET", "/api/draft", good(), null)[0]);
        assertEquals("405", raw("GET", "/api/save", good(), null)[0]);
        assertEquals("405", raw("GET", "/api/tests", good(), null)[0]);
    }

    @Test
    void oversizedBody_is413() throws IOException {
        byte[] big = ("{\"name\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals("413", raw("POST", "/api/save", good(), big)[0]);
        assertEquals("413", raw("POST", "/api/draft", good(), big)[0]);
    }

    static List<Path> everything(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "..", ".", "a/b", "a\\\\b", "/tmp/evil", "..%2Fevil", "", ".hidden",
            "hebei-fds-county-2014"})
    void saveName_outsideTheWorkspace_isRefusedAndNothingIsWritten(String name) throws IOException {
        List<Path> before = everything(dir);
        String[] r = raw("POST", "/api/save", good(), ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals("409", r[0], r[1]);
        assertTrue(r[1].contains("BAD_NAME"), r[1]);
        assertEquals(before, everything(dir), "nothing written anywhere under " + dir);
        assertFalse(Files.exists(dir.resolve("evil")));
    }

    @Test
    void saveName_thatIsASymbolicLinkOut_isRefused() throws IOException {
        Path link = Files.createSymbolicLink(workspace.resolve("link"), outside);
        try {
            String[] r = raw("POST", "/api/save", good(), "{\"name\":\"link\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("409", r[0], r[1]);
            assertTrue(r[1].contains("NAME_TAKEN"), r[1]); // a name already in the workspace, link or not, is never replaced
            try (Stream<Path> files = Files.list(outside)) {
                assertEquals(0, files.count(), "nothing written through the link");
            }
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void draft_namingAnUnknownParameter_is400() throws IOException {
        String[] r = raw("POST", "/api/draft", good(),
                "{\"changes\":{\"no.such\":{\"value\":1}}}".getBytes(StandardCharsets.UTF_8));
        assertEquals("400", r[0], r[1]);
    }

    @Test
    void responses_forbidScriptsFromElsewhere() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            assertTrue(text.contains("script-src 'self'"), text);
            assertTrue(text.contains("frame-ancestors 'none'"), text);
        }
    }
}
