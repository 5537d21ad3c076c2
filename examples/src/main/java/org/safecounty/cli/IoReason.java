package org.safecounty.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Why a file could not be read or written, in words a person understands, not an exception's name. */
record IoReason(String zh, String en) {

    static IoReason of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new IoReason("没有这个文件或文件夹", "no such file or folder");
        }
        if (e instanceof AccessDeniedException) {
            return new IoReason("没有权限", "permission denied");
        }
        if (e instanceof FileAlreadyExistsException) {
            return new IoReason("已存在", "already exists");
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new IoReason("不是 UTF-8 文本", "not UTF-8 text");
        }
        if (e instanceof NotDirectoryException) {
            return new IoReason("不是文件夹", "not a folder");
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null) {
            return new IoReason("输入输出错误", "input/output error");
        }
        return switch (reason) {
            case "Is a directory" -> new IoReason("这是文件夹", "it is a folder");
            case "Not a directory" -> new IoReason("路径中有一段不是文件夹", "a part of the path is not a folder");
            case "No space left on device" -> new IoReason("磁盘已满", "no space left on the device");
            case "Read-only file system" -> new IoReason("文件系统只读", "read-only file system");
            default -> new IoReason(reason, reason);
        };
    }
}
