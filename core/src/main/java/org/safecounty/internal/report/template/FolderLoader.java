package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a template by its plain name ({@code county.peb}, {@code style.css}): in the template
 * folder when one is given and holds a file of that name, else among the defaults bundled in the
 * jar. A name is a file name and nothing more — no folder, no {@code ..}, not absolute, no leading
 * dot — and a file is read only when it is a regular file whose real path is inside the folder
 * (a link out of the folder is refused) with one name only (a hard link can be a file outside
 * the folder: a file with more than one link is refused where the file system counts them), UTF-8,
 * at most {@link #MAX_BYTES} bytes. A template's print tags are checked where it is read ({@link Markup}).
 */
final class FolderLoader implements Loader<String> {

    /** The bytes of one template file. */
    static final int MAX_BYTES = 1 << 20;

    static final String DEFAULTS = "org/safecounty/internal/report/templates/";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

    private final Path folder;

    /** {@code folder} is the real path of the template folder, or {@code null} for the defaults only. */
    FolderLoader(Path folder) {
        this.folder = folder;
    }

    /** Where a template of this name comes from: a file of the folder, or the default ({@code NAME (default)}). */
    String where(String name) {
        if (name == null) {
            return "?";
        }
        return fromFolder(name).map(Path::toString).orElse(name + " (默认 default)");
    }

    private Optional<Path> fromFolder(String name) {
        if (folder == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = folder.resolve(name);
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public Reader getReader(String name) {
        Optional<Path> file = fromFolder(name);
        if (file.isPresent()) {
            String text = read(file.get(), name);
            Markup.check(text, name);
            return new StringReader(text);
        }
        String text = defaultText(name);
        if (text == null) {
            throw new LoaderException(null, "no template " + name + (folder == null ? "" : " in " + folder)
                    + " nor among the default templates / 找不到模板 " + name);
        }
        Markup.check(text, name);
        return new StringReader(text);
    }

    private String read(Path file, String name) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder) || !Files.isRegularFile(real)) {
                throw new LoaderException(null, "the template " + name + " is not a file inside " + folder
                        + " (a link out of the folder?) / 模板 " + name + " 不在模板目录中");
            }
            Object links = links(real);
            if (links instanceof Number n && n.intValue() > 1) {
                throw new LoaderException(null, "the template " + name + " has " + n + " hard links: another name of the"
                        + " same file can be outside " + folder + ", so a file with more than one is refused (copy it)"
                        + " / 模板 " + name + " 有多个硬链接，可能是目录外的文件，拒绝读取（请复制文件）");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new LoaderException(null, "the template " + name + " is larger than " + MAX_BYTES
                        + " bytes / 模板文件过大");
            }
            return utf8(bytes, name);
        } catch (IOException e) {
            throw new LoaderException(e, "the template " + name + " cannot be read: " + e.getMessage()
                    + " / 无法读取模板 " + name);
        }
    }

    /** The number of hard links to {@code file}, {@code null} where the file system does not say. */
    private static Object links(Path file) throws IOException {
        try {
            return Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The text of a bundled default template, {@code null} when there is none of that name. */
    static String defaultText(String name) {
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        try (InputStream in = FolderLoader.class.getClassLoader().getResourceAsStream(DEFAULTS + name)) {
            return in == null ? null : utf8(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new LoaderException(e, "the default template " + name + " cannot be read");
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LoaderException(e, "the template " + name + " is not UTF-8 text / 模板不是 UTF-8 文本");
        }
    }

    @Override
    public String createCacheKey(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LoaderException(null, "\"" + name + "\" is not a template name: a template is named by its file name"
                    + " in the template folder, with no folder, .. or / (county.peb, style.css) / 模板名只能是模板目录中的文件名");
        }
        return name;
    }

    @Override
    public boolean resourceExists(String name) {
        return name != null && NAME.matcher(name).matches() && (fromFolder(name).isPresent() || defaultText(name) != null);
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return null;        // names are never relative to another template: a name is a file name
    }

    @Override
    public void setCharset(String charset) {
        // always UTF-8
    }

    @Override
    public void setPrefix(String prefix) {
        // names are file names in the folder
    }

    @Override
    public void setSuffix(String suffix) {
        // names are file names in the folder
    }
}
