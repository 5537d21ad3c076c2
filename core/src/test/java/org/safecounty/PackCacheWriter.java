package org.safecounty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.safecounty.internal.engine.PackCache;

/**
 * Another process writing the cache: {@code PackCacheWriter DIR KEY NAME COUNT} writes the form
 * "NAME" repeated to 100 KB under KEY, COUNT times ({@link PackCacheTest}).
 */
public final class PackCacheWriter {

    private PackCacheWriter() {
    }

    public static void main(String[] args) {
        PackCache cache = PackCache.at(Path.of(args[0]));
        byte[] form = PackCacheTest.payload(args[2], 100_000);
        for (int i = 0; i < Integer.parseInt(args[3]); i++) {
            cache.write(args[1], form);
        }
        System.out.println(new String(form, 0, 8, StandardCharsets.US_ASCII) + " " + cache.stats());
    }
}
