package kr.sbert.workbench.gui.pairs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's size and last-modified time when it was read: if either differs now, the file was
 * changed on disk since, and writing over it would lose those changes.
 *
 * @param size     bytes
 * @param modified last-modified time, ms since the epoch
 */
public record FileStamp(long size, long modified) {

    /** The stamp of {@code file} now, or null when it cannot be read (gone, not a file). */
    public static FileStamp of(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.isRegularFile(file)
                    ? new FileStamp(Files.size(file), Files.getLastModifiedTime(file).toMillis()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
