package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The one check every reader of the cache folder passes before it opens a file there: the file
 * must be a regular file itself (a symbolic link, FIFO, device or folder is never opened, so
 * nothing outside the cache folder is read and no read can block) and hold at most its budget
 * (a sparse file of gigabytes is never read). Its modification time is set on the file itself,
 * never through a link.
 */
final class CacheFiles {
    private CacheFiles() {
    }

    /** The file's size when it is a regular file (not a link) of at most {@code maxBytes}; -1 otherwise. */
    static long checkedSize(Path file, long maxBytes) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() <= maxBytes ? a.size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Opens the file for reading if it passes {@link #checkedSize}; null otherwise. The open does
     * not follow a link either, and the size is checked again on the open file (it may have been
     * replaced in between).
     */
    static FileChannel open(Path file, long maxBytes) {
        if (checkedSize(file, maxBytes) < 0) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            if (ch.size() > maxBytes) {
                ch.close();
                return null;
            }
            return ch;
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
            return null;
        }
    }

    /** The whole file if it passes {@link #open}; null otherwise. */
    static byte[] readSmall(Path file, int maxBytes) {
        try (FileChannel ch = open(file, maxBytes)) {
            if (ch == null) {
                return null;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) ch.size());
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    break;
                }
            }
            return java.util.Arrays.copyOf(b.array(), b.position());
        } catch (IOException e) {
            return null;
        }
    }

    /** Sets the file's modification time on the file itself (a link is left alone, its target untouched). */
    static void touch(Path file, FileTime time) {
        try {
            Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, null, null);
        } catch (IOException | UnsupportedOperationException ignored) {
            // recency is a hint for eviction only
        }
    }
}
