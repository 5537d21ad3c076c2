package org.safecounty.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a Markdown guide and the source each is taken from.
 *
 * <p>A block is marked by an HTML comment on the line before it (blank lines between allowed):
 * {@code <!-- snippet: examples/embedder/pom.xml -->} for a whole file, or
 * {@code <!-- snippet: examples/src/main/java/.../AssessmentService.java#service -->} for the
 * region between {@code tag::service[]} and {@code end::service[]} (in a {@code //} or
 * {@code <!-- -->} comment line), paths from the repository's root. A region's text is its lines
 * without any other tag line, less the indentation they all share.
 */
final class Snippets {

    /** A fenced block: its language, its text, the line it starts on, and its marker (or null). */
    record Block(String language, String text, int line, String source, String region) {
    }

    private static final Pattern FENCE = Pattern.compile("^```([A-Za-z0-9]*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*([^#\\s]+)(?:#([A-Za-z0-9_-]+))?\\s*-->\\s*$");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*(?://|<!--)\\s*(?:tag|end)::[A-Za-z0-9_-]+\\[]\\s*(?:-->)?\\s*$");

    private Snippets() {
    }

    /** Every fenced block of the file, with the marker before it when there is one. */
    static List<Block> blocks(Path markdown) {
        List<String> lines = lines(markdown);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(markdown + ":" + (start + 1) + ": a code block that is never closed");
            }
            String text = String.join("\n", lines.subList(start + 1, end));
            int before = start - 1;
            while (before >= 0 && lines.get(before).isBlank()) {
                before--;
            }
            Matcher marker = before >= 0 ? MARKER.matcher(lines.get(before).strip()) : null;
            boolean marked = marker != null && marker.matches();
            blocks.add(new Block(open.group(1), text, start + 1, marked ? marker.group(1) : null,
                    marked ? marker.group(2) : null));
            i = end;
        }
        return blocks;
    }

    /** The text a marked block must be: the whole file, or the region of its name. */
    static String source(Path root, Block block) {
        List<String> lines = lines(root.resolve(block.source()));
        if (block.region() == null) {
            return String.join("\n", lines);
        }
        String name = block.region();
        int start = find(lines, "tag::" + name + "[]", 0, block);
        int end = find(lines, "end::" + name + "[]", start + 1, block);
        if (indexOf(lines, "tag::" + name + "[]", start + 1) >= 0) {
            throw new IllegalStateException(block.source() + ": the region " + name + " is tagged twice");
        }
        List<String> region = lines.subList(start + 1, end).stream().filter(l -> !TAG_LINE.matcher(l).matches()).toList();
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return String.join("\n", region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    private static int find(List<String> lines, String tag, int from, Block block) {
        int at = indexOf(lines, tag, from);
        if (at < 0) {
            throw new IllegalStateException(block.source() + " has no " + tag + " (after line " + from + ")");
        }
        return at;
    }

    private static int indexOf(List<String> lines, String tag, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (TAG_LINE.matcher(lines.get(i)).matches() && lines.get(i).contains(tag)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readString(file).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
