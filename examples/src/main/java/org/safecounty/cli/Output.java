package org.safecounty.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command writes ({@code --out}): checked before the work starts, and every failure said in one line. */
final class Output {

    private Output() {
    }

    /**
     * A folder to write pages into: one that exists, or one that can be made. A file already at
     * the path is never overwritten.
     *
     * @throws UserError (64) when the path is a file
     */
    static void checkFolder(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw UserError.usage(option + " " + dir, "已存在且不是文件夹，不会覆盖它",
                    "exists and is not a folder; it is not overwritten");
        }
    }

    /** Makes the folder (and those above it). @throws UserError (64) when it cannot be made */
    static void createFolder(Path dir, String option) {
        checkFolder(dir, option);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            IoReason why = IoReason.of(e);
            throw UserError.usage(option + " " + dir, "无法创建文件夹：" + why.zh(), "cannot make the folder: " + why.en(), e);
        }
    }

    /**
     * A file to write: not a folder, in a folder that exists.
     *
     * @throws UserError (64) when it cannot be
     */
    static void checkFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw UserError.usage(option + " " + file, "这是文件夹，应为文件", "it is a folder, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw UserError.usage(option + " " + file, "所在的文件夹不存在", "its folder does not exist");
        }
    }

    /** Writes {@code text} to {@code file}. @throws UserError (64) when it cannot be written */
    static void write(Path file, String text, String option) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            IoReason why = IoReason.of(e);
            throw UserError.usage(option + " " + file, "无法写入：" + why.zh(), "cannot write: " + why.en(), e);
        }
    }
}
