package org.safecounty.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.safecounty.cli.SafecountyCommand;

/**
 * The HTML reports of the bundled samples, opened from disk in a real headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them): every page loads
 * without console errors, the radar chart has one axis per task area (seven), the Chinese text
 * renders, and a county name carrying {@code <script>} stays text. The build installs nothing:
 * without Chromium these tests are skipped with one line saying what to install, except in CI
 * ({@code CI=true}, where {@code .ci/run} installs it), where they fail rather than pass unrun.
 */
class ReportBrowserTest {

    @TempDir
    static Path dir;
    static ChromeDriver driver;
    static Path zh;
    static Path en;
    static Path print;

    @BeforeAll
    static void start() throws IOException {
        driver = HeadlessChromium.start("the HTML reports", 1280, 1600);
        Path hostile = ReportFixtures.hostile(dir);
        zh = dir.resolve("zh");
        en = dir.resolve("en");
        assertEquals(0, SafecountyCommand.commandLine().execute(ReportFixtures.args(hostile, "report", "--out", zh.toString())));
        assertEquals(0, SafecountyCommand.commandLine().execute(
                ReportFixtures.args(hostile, "report", "--lang", "en", "--out", en.toString())));
        print = dir.resolve("print");
        assertEquals(0, SafecountyCommand.commandLine().execute(ReportFixtures.args(hostile, "report", "--template",
                "templates/plain-print", "--out", print.toString())));

    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static List<Path> pages(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    /** Opens a page and returns what the browser logged at level SEVERE (errors). */
    static List<String> open(Path page) {
        driver.manage().logs().get(LogType.BROWSER);      // drop what an earlier page logged
        driver.get(page.toUri().toString());
        assertEquals("complete", js("return document.readyState"), page + " loaded");
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    @Test
    void everyPageLoadsWithoutConsoleErrors() throws IOException {
        List<Path> all = new ArrayList<>(pages(zh));
        all.addAll(pages(en));
        assertEquals(2 * 16, all.size(), "index and 15 county pages in each language");
        for (Path page : all) {
            assertEquals(List.of(), open(page), page + " logs no error");
            assertFalse(driver.findElement(By.tagName("h1")).getText().isBlank(), page + " has a heading");
        }
    }

    @Test
    void theRadarChartHasOneAxisPerTaskArea() throws IOException {
        for (Path page : pages(zh)) {
            if (page.getFileName().toString().equals("index.html")) {
                continue;
            }
            open(page);
            List<WebElement> axes = driver.findElements(By.cssSelector("svg.radar line.axis"));
            assertEquals(7, axes.size(), page + ": seven task areas, seven axes");
            for (WebElement axis : axes) {
                Number length = (Number) ((JavascriptExecutor) driver).executeScript(
                        "const b = arguments[0].getBBox(); return Math.hypot(b.width, b.height);", axis);
                assertTrue(length.doubleValue() > 100, page + ": axis " + axis.getAttribute("data-task") + " is drawn");
            }
            assertEquals(7, driver.findElements(By.cssSelector("svg.radar text.axis-label")).size(), page.toString());
            WebElement score = driver.findElement(By.cssSelector("svg.radar polygon.score"));
            assertTrue(score.getSize().getWidth() > 0 && score.getSize().getHeight() > 0, page + ": the scores are drawn");
        }
    }

    @Test
    void chineseTextRenders() {
        open(zh.resolve("130426-shexian.html"));
        WebElement h1 = driver.findElement(By.tagName("h1"));
        assertEquals("涉县 食品药品安全县评价报告", h1.getText());
        Dimension size = h1.getSize();
        assertTrue(size.getWidth() > 0 && size.getHeight() > 0, "the Chinese heading has a size: " + size);
        WebElement rectification = driver.findElement(By.xpath("//h2[text()='整改清单']"));
        assertTrue(rectification.getSize().getWidth() > 0, "the rectification heading renders");
        // a CJK glyph is as wide as its font size (full width) when a Chinese font draws it
        Number ratio = (Number) js("const s = document.createElement('span'); s.style.fontSize = '40px';"
                + "s.textContent = '县县县县县'; document.body.appendChild(s);"
                + "const w = s.getBoundingClientRect().width; s.remove(); return w / 200;");
        assertTrue(ratio.doubleValue() > 0.9 && ratio.doubleValue() < 1.1, "Chinese glyphs are full width: " + ratio);
        open(zh.resolve("index.html"));
        assertTrue(driver.findElement(By.tagName("h1")).getSize().getWidth() > 0);
        assertEquals("食品药品安全县评价总览", driver.findElement(By.tagName("h1")).getText());
    }

    @Test
    void aCountyNameWithScriptStaysText() {
        for (Path folder : List.of(zh, en)) {
            for (String page : List.of("hostile.html", "index.html")) {
                List<String> errors = open(folder.resolve(page));
                assertEquals(List.of(), errors, page);
                assertNull(js("return window.pwned === undefined ? null : String(window.pwned)"), page + ": no injected script ran");
                assertEquals(0L, js("return document.scripts.length"), page + ": no script element");
                assertEquals(0L, js("return document.images.length"), page + ": no injected image");
                String text = driver.findElement(By.tagName("body")).getText();
                assertTrue(text.contains(ReportFixtures.HOSTILE_NAME), page + " shows the name as text");
                if (page.equals("index.html")) {
                    assertTrue(text.contains(ReportFixtures.HOSTILE_CITY), "the city stays text too");
                }
            }
        }
    }

    /** The example restyled templates (examples/templates/plain-print): their own style sheet, still no script. */
    @Test
    void thePlainPrintTemplatesRenderAndKeepTheNameAsText() throws IOException {
        for (Path page : pages(print)) {
            assertEquals(List.of(), open(page), page + " logs no error");
            assertTrue(js("return getComputedStyle(document.body).fontFamily").toString().contains("serif"), page + ": serif");
            assertNull(js("return window.pwned === undefined ? null : String(window.pwned)"), page + ": no injected script ran");
            assertEquals(0L, js("return document.scripts.length + document.images.length"), page.toString());
        }
        open(print.resolve("130426-shexian.html"));
        List<WebElement> bars = driver.findElements(By.cssSelector("#tasks .bar span"));
        assertEquals(7, bars.size(), "a bar per task area");
        assertTrue(bars.stream().anyMatch(b -> b.getSize().getWidth() > 0), "the bars are drawn");
        open(print.resolve("hostile.html"));
        assertTrue(driver.findElement(By.tagName("h1")).getText().contains(ReportFixtures.HOSTILE_NAME));
    }

    @Test
    void theOverviewRanksAndLinksEveryCounty() throws IOException {
        open(zh.resolve("index.html"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#ranking tbody tr"));
        assertEquals(15, rows.size());
        double previous = Double.MAX_VALUE;
        for (WebElement row : rows) {
            double total = Double.parseDouble(row.findElements(By.tagName("td")).get(4).getText());
            assertTrue(total <= previous, "ranked by total");
            previous = total;
        }
        driver.findElement(By.linkText("涉县")).click();
        assertEquals("涉县 食品药品安全县评价报告", driver.findElement(By.tagName("h1")).getText());
        Path shot = Path.of("target", "report-sample.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
