package kr.sbert.workbench.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file the user owns (their data set) safely: never over a file that is read-only,
 * and atomically — the bytes go to a temporary file beside the target that is then renamed
 * over it, so the target is at every moment either the old file or the new one. An existing
 * target's permissions are kept.
 */
public final class UserFiles {

    /** The target may not be written; the message says why, without the path. */
    public static final class NotWritableException extends IOException {
        NotWritableException(String message) {
            super(message);
        }
    }

    private UserFiles() {
    }

    /**
     * Why {@code target} may not be written, or null when it may. A file without its owner's
     * write permission counts as read-only even for a user who could write it anyway (root), and
     * so does a file the process may not write; a missing folder, a folder, or a folder without
     * write permission are refused too.
     */
    public static String whyNotWritable(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            return "is a folder";
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(target)) {
                return "is not a regular file";
            }
            if (!Files.isWritable(target) || !ownerMayWrite(target)) {
                return "is read-only";
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return "is in a folder that does not exist";
        }
        if (!Files.isWritable(dir)) {
            return "is in a folder that may not be written";
        }
        return null;
    }

    private static boolean ownerMayWrite(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return true;
        }
        try {
            return view.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code bytes} to {@code target} atomically (temporary file, then rename).
     *
     * @throws NotWritableException when {@link #whyNotWritable} refuses the target
     * @throws IOException when writing fails (the target is then untouched)
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        String why = whyNotWritable(target);
        if (why != null) {
            throw new NotWritableException(why + ": not written");
        }
        Path dir = target.toAbsolutePath().getParent();
        Set<PosixFilePermission> keep = null;
        if (Files.isRegularFile(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            keep = Files.getPosixFilePermissions(target);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            if (keep != null) {
                Files.setPosixFilePermissions(tmp, keep);
            } else if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null) {
                // A new file gets the usual rw-r--r--, not the temporary file's rw-------.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw new IOException(e.getReason() != null ? e.getReason() : e.toString(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
