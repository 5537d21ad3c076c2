package org.safecounty.cli.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.safecounty.RulePack;
import org.safecounty.facts.Parameter;
import org.safecounty.internal.compare.Comparison;
import org.safecounty.internal.compare.CountyChange;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.internal.report.HtmlReport;
import org.safecounty.internal.report.TextReport;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.TaskScore;
import org.safecounty.result.Verdict;

/**
 * The workbench's web server, for one officer on this machine: bound to 127.0.0.1, a page and its
 * script from the jar (no network), and a small JSON API. Every API call carries the session's
 * token (128 random bits, in the URL printed at start) in the header {@value #TOKEN_HEADER}; a Host
 * other than 127.0.0.1 or localhost with this port (DNS rebinding) or an Origin other than this
 * server's is refused; changes are POST only; a request body over {@value #MAX_BODY} bytes is
 * refused with 413.
 */
public final class WorkbenchServer implements AutoCloseable {

    public static final String TOKEN_HEADER = "X-Safecounty-Token";
    static final int MAX_BODY = 64 * 1024;
    private static final int DRAIN = 1 << 20;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/app.css", "app.css");

    private final Workbench bench;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final int port;
    private final Set<String> hosts;
    private final Set<String> origins;
    private final JsonMapper json = JsonMapper.builder().build();
    private Map<String, AssessmentResult> before;

    private WorkbenchServer(Workbench bench, HttpServer server, String token) {
        this.bench = bench;
        this.server = server;
        this.token = token;
        this.port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "workbench-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a server on 127.0.0.1:{@code port} (0 for any free port). */
    public static WorkbenchServer start(Workbench bench, int port) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
        WorkbenchServer s = new WorkbenchServer(bench, server, HexFormat.of().formatHex(secret));
        server.start();
        return s;
    }

    public int port() {
        return port;
    }

    public String token() {
        return token;
    }

    /** The address to open: the token after {@code #}, so that it never goes to the server in a URL or a Referer. */
    public String url() {
        return "http://127.0.0.1:" + port + "/#token=" + token;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String host = ex.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                send(ex, 403, "text/plain", "host refused\n");
                return;
            }
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin != null && !origins.contains(origin)) {
                send(ex, 403, "text/plain", "origin refused\n");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (!path.startsWith("/api/")) {
                String file = STATIC.get(path);
                if (file == null) {
                    send(ex, 404, "text/plain", "not found\n");
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    send(ex, 405, "text/plain", "GET only\n");
                } else {
                    staticFile(ex, file);
                }
                return;
            }
            String given = ex.getRequestHeaders().getFirst(TOKEN_HEADER);
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                send(ex, 403, "text/plain", "token required\n");
                return;
            }
            boolean post = method.equals("POST");
            if (!post && !method.equals("GET")) {
                send(ex, 405, "text/plain", "GET or POST\n");
                return;
            }
            JsonNode body = json.createObjectNode();
            if (post) {
                byte[] bytes = body(ex);
                if (bytes == null) {
                    send(ex, 413, "text/plain", "request body too large\n");
                    return;
                }
                try {
                    body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
                } catch (IOException e) {
                    send(ex, 400, "text/plain", "not JSON\n");
                    return;
                }
            }
            route(ex, path, post, body);
        } catch (RuntimeException e) {
            ObjectNode err = json.createObjectNode().put("error", String.valueOf(e.getMessage()));
            send(ex, 500, "application/json", json.writeValueAsString(err));
        }
    }

    private void route(HttpExchange ex, String path, boolean post, JsonNode body) throws IOException {
        ObjectNode out;
        switch (path) {
            case "/api/state" -> {
                if (post) {
                    send(ex, 405, "text/plain", "GET only\n");
                    return;
                }
                out = state();
            }
            case "/api/county" -> {
                if (post) {
                    send(ex, 405, "text/plain", "GET only\n");
                    return;
                }
                out = county(query(ex.getRequestURI()).get("file"));
            }
            case "/api/document", "/api/document.md", "/api/document.xlsx" -> {
                if (post) {
                    send(ex, 405, "text/plain", "GET only\n");
                    return;
                }
                StandardDocument.ScoringSheet sheet = bench.document();
                if (path.endsWith(".md")) {
                    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + sheet.id() + ".md\"");
                    send(ex, 200, "text/markdown", StandardDocument.markdown(sheet));
                } else if (path.endsWith(".xlsx")) {
                    ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + sheet.id() + ".xlsx\"");
                    send(ex, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", StandardDocument.xlsx(sheet));
                } else {
                    send(ex, 200, "application/json", json.writeValueAsString(sheet));
                }
                return;
            }
            case "/api/draft" -> {
                if (!post) {
                    send(ex, 405, "text/plain", "POST only\n");
                    return;
                }
                Workbench.Draft d;
                try {
                    d = Workbench.Draft.fromJson(body, bench.base().parameters().all());
                } catch (IllegalArgumentException e) {
                    send(ex, 400, "application/json", json.writeValueAsString(json.createObjectNode()
                            .put("error", e.getMessage())));
                    return;
                }
                long start = System.nanoTime();
                List<Problem> problems = bench.setDraft(d);
                out = json.createObjectNode();
                out.set("problems", problems(problems));
                out.set("impact", impact());
                out.put("ms", (System.nanoTime() - start) / 1_000_000);
            }
            case "/api/tests" -> {
                if (!post) {
                    send(ex, 405, "text/plain", "POST only\n");
                    return;
                }
                out = tests(bench.test());
            }
            case "/api/save" -> {
                if (!post) {
                    send(ex, 405, "text/plain", "POST only\n");
                    return;
                }
                out = json.createObjectNode();
                try {
                    Workbench.Saved saved = bench.save(body.path("name").asText(""), body.path("sign").asBoolean(false));
                    out.put("saved", true).put("dir", saved.dir().toString());
                    if (saved.digest() != null) {
                        out.put("digest", saved.digest());
                    }
                } catch (Workbench.Refused r) {
                    out.put("saved", false).set("problems", problems(r.problems()));
                    send(ex, 409, "application/json", json.writeValueAsString(out));
                    return;
                }
            }
            default -> {
                send(ex, 404, "text/plain", "not found\n");
                return;
            }
        }
        send(ex, 200, "application/json", json.writeValueAsString(out));
    }

    private ObjectNode state() {
        RulePack base = bench.base();
        PackCatalogue c = base.catalogue();
        ObjectNode out = json.createObjectNode();
        out.putObject("pack").put("id", base.id()).put("version", base.version()).put("zh", c.zh()).put("en", c.en());
        out.put("counties", bench.data().size());
        out.put("workspace", bench.workspace().toString());
        ArrayNode params = out.putArray("parameters");
        base.parameters().all().values().forEach(p -> {
            if (p.texts() != null) {
                return;
            }
            ObjectNode o = params.addObject().put("name", p.name()).put("zh", p.zh()).put("en", p.en())
                    .put("ref", p.reference());
            if (p.number() != null) {
                o.put("kind", "value").put("value", p.number());
            } else {
                o.put("kind", "bands");
                ArrayNode a = o.putArray("bands");
                p.bands().forEach(b -> a.addObject().put("atLeast", b.atLeast()).put("points", b.points()));
            }
            o.set("range", ParameterRanges.range(p.name()).toJson(json));
        });
        out.set("draft", bench.draft().toJson(json));
        out.set("problems", problems(bench.draftProblems()));
        out.set("impact", impact());
        return out;
    }

    private synchronized Map<String, AssessmentResult> before() {
        if (before == null) {
            before = bench.results(bench.base());
        }
        return before;
    }

    /** The draft's impact: verdict counts before and after, the matrix, the counties that change and why, the tasks' distributions. */
    private ObjectNode impact() {
        RulePack to = bench.draftPack();
        Comparison c = bench.compare();
        Map<String, AssessmentResult> after = to == bench.base() ? before() : bench.results(to);
        ObjectNode out = json.createObjectNode();
        out.put("draftId", to.id());
        ArrayNode levels = out.putArray("verdicts");
        Map<String, Verdict> names = new LinkedHashMap<>();
        bench.base().catalogue().verdicts().forEach(v -> names.put(v.code(), v));
        to.catalogue().verdicts().forEach(v -> names.putIfAbsent(v.code(), v));
        for (String code : c.verdicts()) {
            Verdict v = names.get(code);
            levels.addObject().put("code", code).put("zh", v == null ? code : v.zh()).put("en", v == null ? code : v.en())
                    .put("passes", v != null && v.passes());
        }
        ObjectNode from = out.putObject("before");
        ObjectNode toCounts = out.putObject("after");
        for (String code : c.verdicts()) {
            from.put(code, c.matrix().getOrDefault(code, Map.of()).values().stream().mapToInt(Integer::intValue).sum());
            toCounts.put(code, c.matrix().values().stream().mapToInt(row -> row.getOrDefault(code, 0)).sum());
        }
        ObjectNode matrix = out.putObject("matrix");
        c.matrix().forEach((f, row) -> {
            ObjectNode r = matrix.putObject(f);
            row.forEach(r::put);
        });
        out.put("compared", c.counties());
        out.put("notCompared", c.notCompared().size());
        ArrayNode flips = out.putArray("changes");
        for (CountyChange ch : c.flips()) {
            ObjectNode o = flips.addObject().put("file", ch.file()).put("code", ch.code()).put("name", ch.name())
                    .put("city", ch.city()).put("from", ch.from().code()).put("to", ch.to().code())
                    .put("totalFrom", ch.totalFrom()).put("totalTo", ch.totalTo());
            ArrayNode causes = o.putArray("causes");
            ch.causes().forEach(causes::add);
            if (ch.causes().isEmpty()) {
                // no item moved: the verdict's own lines did (pass_line, excellent_line, key_item_floor …)
                causes.add("各项得分未变，结论随改动的参数而变 / no item moved, the verdict follows the changed figures: "
                        + String.join(", ", bench.draft().changes().keySet().stream().map(n -> n + " "
                        + Workbench.describe(bench.base().parameters().all().get(n)) + " → " + bench.draft().changes().get(n).describe())
                        .toList()));
            }
        }
        out.put("chart", TaskChart.svg(bench.base().catalogue(), before(), after));
        return out;
    }

    private ObjectNode county(String file) {
        ObjectNode out = json.createObjectNode();
        if (file == null || !bench.data().containsKey(file)) {
            return out.put("error", "no such county file");
        }
        out.put("file", file);
        side(out.putObject("before"), bench.base(), bench.outcome(file, bench.base()).orElseThrow());
        RulePack to = bench.draftPack();
        side(out.putObject("after"), to, bench.outcome(file, to).orElseThrow());
        return out;
    }

    private void side(ObjectNode o, RulePack pack, Outcome outcome) {
        o.put("pack", pack.id());
        if (outcome instanceof Outcome.Assessed a) {
            AssessmentResult r = a.result();
            o.put("verdict", r.verdict().code()).put("verdictZh", r.verdict().zh()).put("verdictEn", r.verdict().en())
                    .put("total", r.totalScore()).put("name", r.county().name());
            o.put("text", new TextReport().render(r, pack.catalogue()));
        } else {
            o.put("verdict", "REJECTED").put("text", new TextReport().renderRejected(((Outcome.Rejected) outcome).problems()));
        }
    }

    private ObjectNode tests(Workbench.TestRun run) {
        ObjectNode out = json.createObjectNode();
        out.put("ok", run.ok()).put("passed", run.passed()).put("failedCount", run.failed().size());
        out.set("problems", problems(run.problems()));
        ArrayNode failed = out.putArray("failed");
        run.failed().forEach(r -> {
            ObjectNode o = failed.addObject().put("label", r.testCase().label())
                    .put("ref", r.testCase().file().replaceFirst("^tests/", "") + ": " + r.testCase().name());
            ArrayNode fs = o.putArray("failures");
            r.failures().forEach(f -> fs.addObject().put("what", f.what()).put("expected", f.expected())
                    .put("actual", f.actual()));
        });
        ArrayNode dropped = out.putArray("dropped");
        run.dropped().forEach(d -> dropped.addObject().put("label", d.label()).put("because", d.because()));
        return out;
    }

    private ArrayNode problems(List<Problem> problems) {
        ArrayNode a = json.createArrayNode();
        problems.forEach(p -> a.addObject().put("path", p.path()).put("code", p.code()).put("zh", p.zh()).put("en", p.en()));
        return a;
    }

    /**
     * The body, or null when it is longer than {@link #MAX_BODY}; an oversized body is read and
     * dropped up to {@link #DRAIN} bytes, so that the client gets its 413 rather than a reset.
     */
    private static byte[] body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                long skipped = 0;
                byte[] sink = new byte[8192];
                for (int n; skipped < DRAIN && (n = in.read(sink)) > 0; ) {
                    skipped += n;
                }
                return null;
            }
            return bytes;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void staticFile(HttpExchange ex, String name) throws IOException {
        try (InputStream in = WorkbenchServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(ex, 404, "text/plain", "not found\n");
                return;
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
            send(ex, 200, type, in.readAllBytes());
        }
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        send(ex, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type.startsWith("application/vnd") ? type : type + "; charset=utf-8");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        h.set("X-Frame-Options", "DENY");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A task's score distribution as inline SVG, before (grey) and after (blue), one small chart per task. */
    static final class TaskChart {

        private TaskChart() {
        }

        static final int BINS = 10;

        static String svg(PackCatalogue catalogue, Map<String, AssessmentResult> before, Map<String, AssessmentResult> after) {
            int w = 180;
            int h = 90;
            int cols = 4;
            List<TaskSpec> tasks = catalogue.tasks();
            int rows = (tasks.size() + cols - 1) / cols;
            StringBuilder s = new StringBuilder();
            s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                    .append(cols * (w + 10)).append(' ').append(rows * (h + 30)).append("\">");
            for (int i = 0; i < tasks.size(); i++) {
                TaskSpec t = tasks.get(i);
                int x0 = (i % cols) * (w + 10);
                int y0 = (i / cols) * (h + 30);
                int[] b = bins(t, before);
                int[] a = bins(t, after);
                int max = 1;
                for (int k = 0; k < BINS; k++) {
                    max = Math.max(max, Math.max(a[k], b[k]));
                }
                s.append("<g class=\"task\" data-task=\"").append(HtmlReport.esc(t.id())).append("\">");
                s.append("<text x=\"").append(x0).append("\" y=\"").append(y0 + 12).append("\" class=\"t\">")
                        .append(HtmlReport.esc(t.id() + " " + t.zh())).append("</text>");
                for (int k = 0; k < BINS; k++) {
                    int bw = w / BINS;
                    int bx = x0 + k * bw;
                    int hb = b[k] * h / max;
                    int ha = a[k] * h / max;
                    s.append("<rect class=\"before\" x=\"").append(bx).append("\" y=\"").append(y0 + 16 + h - hb)
                            .append("\" width=\"").append(bw / 2).append("\" height=\"").append(hb).append("\"><title>")
                            .append(label(t, k)).append(": ").append(b[k]).append("</title></rect>");
                    s.append("<rect class=\"after\" x=\"").append(bx + bw / 2).append("\" y=\"").append(y0 + 16 + h - ha)
                            .append("\" width=\"").append(bw / 2).append("\" height=\"").append(ha).append("\"><title>")
                            .append(label(t, k)).append(": ").append(a[k]).append("</title></rect>");
                }
                s.append("<text x=\"").append(x0).append("\" y=\"").append(y0 + h + 28).append("\" class=\"axis\">0</text>")
                        .append("<text x=\"").append(x0 + w - 4).append("\" y=\"").append(y0 + h + 28)
                        .append("\" class=\"axis\" text-anchor=\"end\">").append(t.max().stripTrailingZeros().toPlainString())
                        .append("</text></g>");
            }
            return s.append("</svg>").toString();
        }

        private static String label(TaskSpec t, int k) {
            BigDecimal step = t.max().divide(BigDecimal.valueOf(BINS), 2, RoundingMode.HALF_UP);
            return "[" + step.multiply(BigDecimal.valueOf(k)).stripTrailingZeros().toPlainString() + ", "
                    + (k == BINS - 1 ? t.max().stripTrailingZeros().toPlainString() + "]"
                    : step.multiply(BigDecimal.valueOf(k + 1)).stripTrailingZeros().toPlainString() + ")");
        }

        /** Counties per tenth of the task's maximum (the last tenth includes the maximum). */
        static int[] bins(TaskSpec t, Map<String, AssessmentResult> results) {
            int[] out = new int[BINS];
            for (AssessmentResult r : results.values()) {
                for (TaskScore s : r.tasks()) {
                    if (s.id().equals(t.id()) && t.max().signum() > 0) {
                        int k = s.score().multiply(BigDecimal.valueOf(BINS)).divide(t.max(), 0, RoundingMode.FLOOR).intValue();
                        out[Math.max(0, Math.min(BINS - 1, k))]++;
                    }
                }
            }
            return out;
        }
    }
}
