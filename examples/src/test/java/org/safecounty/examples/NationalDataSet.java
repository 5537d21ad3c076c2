package org.safecounty.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.safecounty.Assessor;
import org.safecounty.RulePack;

/**
 * A national-scale synthetic data set, reproducible from a seed: 2,850 county-level units (about as
 * many as China has) × the five years 2014–2018 = 14,250 submissions, all for the bundled 2014 pack,
 * made by the generator of {@code examples/province/} ({@link ProvinceDataSet}).
 *
 * <p>The units are Hebei's 172 of the December 2014 revision of GB/T 2260, with their real codes,
 * names and cities, and 2,678 <b>synthetic</b> units whose codes are six digits shaped like
 * GB/T 2260 ones (province, city, county; no part {@code 00}) under the province prefixes 83 to 99,
 * which GB/T 2260 assigns to no province, so that no synthetic code is a real one; they are named
 * {@code 合成县CODE} in {@code 合成市PPCC}. Everything else is drawn by the generator and describes
 * no real county. Each submission's draws start from {@code seed ^ code ^ (year - 2014) << 40}, so
 * the Hebei units' 2014 submissions are exactly the files of {@code examples/province/}.
 *
 * <p>The order is by year, then code; in a folder each is {@code YEAR-CODE.json}, written as the
 * province's files are, and name order is that order. As JSON Lines each is one line.
 *
 * <pre>
 * java -cp CLASSPATH org.safecounty.examples.NationalDataSet (--out DIR | --jsonl) [--seed N] [--data FILE]
 * </pre>
 * {@code --jsonl} writes to standard output; either way the SHA-256 of the JSON Lines form is
 * printed on standard error. {@code --data} is {@code gb2260-hebei.tsv}, found under
 * {@code examples/data/} or {@code data/} by default. The command line is in docs/performance.md.
 */
public final class NationalDataSet {

    /** County-level units in the set. */
    static final int UNITS = 2_850;
    static final int FIRST_YEAR = 2014;
    static final int YEARS = 5;
    /** Province prefixes that GB/T 2260 gives no province: the synthetic units' codes start with them. */
    static final int FIRST_SYNTHETIC_PROVINCE = 83;
    static final int CITIES_PER_PROVINCE = 10;
    static final int COUNTIES_PER_CITY = 16;

    private static final JsonMapper COMPACT = new JsonMapper();

    private final RulePack pack;
    private final List<List<String>> units;
    private final long seed;

    /** One submission of the set: its file name in a folder and the submission. */
    record Entry(String name, ObjectNode submission) {

        /** The submission as one line of JSON Lines, ended by {@code \n}. */
        String line() {
            try {
                return COMPACT.writeValueAsString(submission) + "\n";
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The submission as a file of the folder. */
        String file() {
            try {
                return ProvinceDataSet.file(submission);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    NationalDataSet(RulePack pack, Path gb2260Hebei, long seed) throws IOException {
        this.pack = pack;
        this.units = units(gb2260Hebei);
        this.seed = seed;
    }

    /** The set of the bundled 2014 pack from {@code seed}. */
    static NationalDataSet of(Path gb2260Hebei, long seed) throws IOException {
        return new NationalDataSet(Assessor.bundled().pack("hebei-fds-county-2014").orElseThrow(), gb2260Hebei, seed);
    }

    /** (code, name, city) of every unit, by code: Hebei's real ones, then the synthetic ones. */
    List<List<String>> units() {
        return units;
    }

    static List<List<String>> units(Path gb2260Hebei) throws IOException {
        List<List<String>> units = new ArrayList<>(ProvinceDataSet.counties(gb2260Hebei, ProvinceDataSet.REVISION));
        for (int i = 0; units.size() < UNITS; i++) {
            String code = syntheticCode(i);
            units.add(List.of(code, "合成县" + code, "合成市" + code.substring(0, 4)));
        }
        return List.copyOf(units);
    }

    /** The {@code i}-th synthetic code, from 0: {@code 830101}, {@code 830102} … {@code 831016}, {@code 840101} … */
    static String syntheticCode(int i) {
        int perProvince = CITIES_PER_PROVINCE * COUNTIES_PER_CITY;
        int province = FIRST_SYNTHETIC_PROVINCE + i / perProvince;
        if (province > 99) {
            throw new IllegalArgumentException("no synthetic code for unit " + i);
        }
        return String.format("%02d%02d%02d", province, i % perProvince / COUNTIES_PER_CITY + 1, i % COUNTIES_PER_CITY + 1);
    }

    /** Where the draws of a unit's submission for a year start. */
    static long seed(long seed, String code, int year) {
        return seed ^ Long.parseLong(code) ^ ((long) (year - FIRST_YEAR) << 40);
    }

    /** How many submissions the set holds. */
    int size() {
        return units.size() * YEARS;
    }

    /** The {@code index}-th submission, from 0: by year, then by code. */
    Entry entry(int index) {
        int year = FIRST_YEAR + index / units.size();
        List<String> unit = units.get(index % units.size());
        return new Entry(year + "-" + unit.get(0) + ".json",
                ProvinceDataSet.submission(pack, unit, year, seed(seed, unit.get(0), year)));
    }

    /** The submissions, made one at a time as they are asked for. */
    Iterator<Entry> entries() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return entry(next++);
            }
        };
    }

    /** Writes the set as JSON Lines to {@code out} and returns the SHA-256 of what it wrote. */
    String writeLines(OutputStream out) throws IOException {
        MessageDigest sha = sha256();
        OutputStream hashed = new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), sha);
        for (Iterator<Entry> it = entries(); it.hasNext(); ) {
            hashed.write(it.next().line().getBytes(StandardCharsets.UTF_8));
        }
        hashed.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the set into {@code dir}, one file a submission, and returns the SHA-256 of its JSON Lines form. */
    String writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        MessageDigest sha = sha256();
        for (Iterator<Entry> it = entries(); it.hasNext(); ) {
            Entry e = it.next();
            Files.writeString(dir.resolve(e.name()), e.file(), StandardCharsets.UTF_8);
            sha.update(e.line().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        boolean jsonl = false;
        long seed = ProvinceDataSet.SEED;
        Path data = Files.exists(Path.of("examples/data/gb2260-hebei.tsv"))
                ? Path.of("examples/data/gb2260-hebei.tsv") : Path.of("data/gb2260-hebei.tsv");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--jsonl" -> jsonl = true;
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--data" -> data = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
                }
            }
            if ((out == null) == !jsonl) {
                throw new IllegalArgumentException("give --out DIR or --jsonl");
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() == null ? e.toString() : e.getMessage());
            System.err.println("usage: NationalDataSet (--out DIR | --jsonl) [--seed N] [--data gb2260-hebei.tsv]");
            System.exit(64);
            return;
        }
        NationalDataSet set = of(data, seed);
        String sha = jsonl ? set.writeLines(System.out) : set.writeFolder(out);
        System.out.flush();
        System.err.println(set.size() + " submissions, seed " + seed + ", JSON Lines sha256 " + sha);
    }
}
