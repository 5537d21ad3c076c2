package org.safecounty.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.safecounty.Assessor;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * The submissions of one {@code assess}, taken one at a time: the files given, a folder standing
 * for its {@code *.json} files in name order, then the paths a list file names, one a line; or JSON
 * Lines on standard input, one submission a line. Nothing is read before it is needed except the
 * names in a folder given as an argument (to sort them and to know the count).
 */
final class BatchInputs {

    /**
     * One submission: the name the output gives it (the file's path as given or found in its
     * folder, or {@code stdin:LINE}) and how to assess it. Reading a file happens in {@code assess},
     * on the thread that assesses.
     */
    record Input(String source, Function<Assessor, Outcome> assess) {
    }

    /** The inputs, and how many there are when that is known before reading them. */
    record Inputs(Iterator<Input> iterator, OptionalLong total) {
    }

    private BatchInputs() {
    }

    /**
     * The files in {@code arguments} (a folder: its {@code *.json} files), then those that
     * {@code list} names, if given; the list is opened now and read as the batch goes on, and may
     * hold at most {@code maxListBytes} bytes (more is a usage error naming {@code --list}).
     *
     * @throws IOException if the list cannot be opened
     */
    static Inputs files(List<Path> arguments, Path list, long maxListBytes) throws IOException {
        Deque<Input> pending = new ArrayDeque<>();
        for (Path p : arguments) {
            expand(p).forEach(f -> pending.add(file(f)));
        }
        BufferedReader listed = list == null ? null : new BufferedReader(new InputStreamReader(
                new Bounded(Files.newInputStream(list), maxListBytes),
                StrictUtf8.decoder()));
        OptionalLong total = listed == null ? OptionalLong.of(pending.size()) : OptionalLong.empty();
        Iterator<Input> inputs = new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && listed != null) {
                    String line = readLine(listed, list);
                    if (line == null) {
                        return false;
                    }
                    if (!line.isEmpty()) {
                        pending.addAll(entry(line));
                    }
                }
                return !pending.isEmpty();
            }

            @Override
            public Input next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.removeFirst();
            }
        };
        return new Inputs(inputs, total);
    }

    /** One line of standard input after another, each a submission; blank lines are skipped but counted. */
    static Inputs lines(InputStream in, long maxBytes) {
        return new Inputs(new Lines(in, (int) Math.min(maxBytes, Integer.MAX_VALUE - 16)), OptionalLong.empty());
    }

    /**
     * A path and what it stands for: a folder, its {@code *.json} files (not hidden ones, not in
     * subfolders) sorted by name; anything else, itself (a missing file is rejected when assessed).
     */
    static List<Path> expand(Path p) {
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        try (Stream<Path> files = Files.list(p)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".json") && !name.startsWith(".") && !Files.isDirectory(f);
            }).sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            // a folder that cannot be listed is a file that cannot be read: one rejected entry
            return List.of(p);
        }
    }

    private static Input file(Path file) {
        return new Input(file.toString(), a -> AssessCommand.assess(a, file));
    }

    /** One line of a list file: the files it names, or one entry rejected as no path. */
    private static List<Input> entry(String line) {
        try {
            return expand(Path.of(line)).stream().map(BatchInputs::file).toList();
        } catch (InvalidPathException e) {
            return List.of(new Input(line, a -> new Outcome.Rejected(List.of(new Problem("$", "UNREADABLE",
                    "不是文件路径：" + e.getMessage(), "not a file path: " + e.getMessage())))));
        }
    }

    /** The next line of the list file, null at its end. @throws UserError (64) when it cannot be read */
    private static String readLine(BufferedReader r, Path list) {
        try {
            String line = r.readLine();
            if (line == null) {
                r.close();
            }
            return line;
        } catch (Bounded.TooLarge e) {
            close(r);
            throw UserError.usage("--list " + list, "文件过大：超过 " + e.most + " 字节",
                    "the file is too large: more than " + e.most + " bytes", e);
        } catch (IOException e) {
            close(r);
            IoReason why = IoReason.of(e);
            throw UserError.usage("--list " + list, "无法读取：" + why.zh(), "cannot read: " + why.en(), e);
        }
    }

    private static void close(BufferedReader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // the error that stops the batch is the one to report
        }
    }

    /**
     * A stream that gives at most {@code most} bytes and fails ({@link TooLarge}) at the first byte
     * past them, whatever size the file claims: a list may be an endless device or pipe.
     */
    private static final class Bounded extends FilterInputStream {

        /** The stream holds more than {@code most} bytes. */
        static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;
            final long most;

            TooLarge(long most) {
                super("more than " + most + " bytes");
                this.most = most;
            }
        }

        private final long most;
        private long read;

        Bounded(InputStream in, long most) {
            super(in);
            this.most = most;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, (int) Math.min(len, most - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > most) {
                throw new TooLarge(most);
            }
        }
    }

    /**
     * JSON Lines: splits bytes at {@code \n} (which UTF-8 never uses inside a character), drops a
     * {@code \r} before it, and decodes each line on the thread that assesses it. A line longer than
     * the limit is skipped without being held and rejected; bytes that are not UTF-8 reject their line.
     */
    private static final class Lines implements Iterator<Input> {

        private static final int CHUNK = 1 << 16;

        private final InputStream in;
        private final int maxBytes;
        private final byte[] buffer = new byte[CHUNK];
        private int pos;
        private int end;
        private boolean eof;
        private byte[] line = new byte[CHUNK];
        private long number;
        private Input next;

        Lines(InputStream in, int maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !(eof && pos == end)) {
                next = readLine();
            }
            return next != null;
        }

        @Override
        public Input next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Input n = next;
            next = null;
            return n;
        }

        /** The next line as an input, null for a blank line or at the end. */
        private Input readLine() {
            int length = 0;
            long size = 0;
            boolean ended = false;
            while (!ended) {
                if (pos == end && !fill()) {
                    if (size == 0) {
                        return null;
                    }
                    break;
                }
                int stop = pos;
                while (stop < end && buffer[stop] != '\n') {
                    stop++;
                }
                int n = stop - pos;
                if (size + n <= maxBytes) {
                    if (length + n > line.length) {
                        line = Arrays.copyOf(line, Math.max(length + n, Math.min(maxBytes, 2 * line.length)));
                    }
                    System.arraycopy(buffer, pos, line, length, n);
                    length += n;
                }
                size += n;
                ended = stop < end;
                pos = ended ? stop + 1 : stop;
            }
            number++;
            String source = "stdin:" + number;
            if (size > maxBytes) {
                long bytes = size;
                int most = maxBytes;
                return new Input(source, a -> new Outcome.Rejected(List.of(new Problem("$", "LIMIT_EXCEEDED",
                        "行过大：" + bytes + " 字节，上限 " + most, "the line is too large: " + bytes + " bytes, at most " + most))));
            }
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            if (blank(line, length)) {
                return null;
            }
            byte[] bytes = Arrays.copyOf(line, length);
            if (line.length > 16 * CHUNK) {
                line = new byte[CHUNK];
            }
            return new Input(source, a -> {
                try {
                    String json = StrictUtf8.decode(bytes);
                    return AssessCommand.assess(a, json);
                } catch (CharacterCodingException e) {
                    return new Outcome.Rejected(List.of(new Problem("$", "UNREADABLE", "该行不是 UTF-8 文本",
                            "the line is not UTF-8 text")));
                }
            });
        }

        private boolean fill() {
            if (eof) {
                return false;
            }
            try {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    pos = end = 0;
                    return false;
                }
                pos = 0;
                end = n;
                return true;
            } catch (IOException e) {
                IoReason why = IoReason.of(e);
                throw UserError.usage("-", "无法读取标准输入：" + why.zh(), "cannot read standard input: " + why.en(), e);
            }
        }

        private static boolean blank(byte[] b, int length) {
            for (int i = 0; i < length; i++) {
                if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
