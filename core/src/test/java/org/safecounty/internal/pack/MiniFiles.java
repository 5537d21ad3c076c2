package org.safecounty.internal.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.safecounty.MiniPack;

/** The mini pack's files in memory, to edit one file at a time. */
final class MiniFiles {

    private final Map<String, byte[]> files;

    private MiniFiles(Map<String, byte[]> files) {
        this.files = files;
    }

    static MiniFiles load() {
        try {
            return new MiniFiles(new LinkedHashMap<>(PackFiles.fromDirectory(MiniPack.dir()).all()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    /** Replaces {@code from} (which must occur) by {@code to} in one file. */
    MiniFiles replace(String path, String from, String to) {
        String text = text(path);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(path + " has no " + from);
        }
        return put(path, text.replace(from, to));
    }

    MiniFiles put(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    MiniFiles remove(String path) {
        files.remove(path);
        return this;
    }

    PackFiles files() {
        return PackFiles.of("memory:mini", files);
    }
}
