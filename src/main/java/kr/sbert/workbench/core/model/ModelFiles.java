package kr.sbert.workbench.core.model;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether an optional file of a model folder is there. A regular file (or a symbolic link to
 * one, as in a hub snapshot) is; nothing at all at the path is not. Anything else — a folder, a
 * FIFO, a device, a link to nowhere — is refused rather than silently read as absent, which would
 * load the model with other settings than its files say.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * @return true for a regular file, false when nothing is at {@code file}
     * @throws MalformedModelException naming the file when something else is there
     */
    public static boolean present(Path file) throws MalformedModelException {
        if (Files.isRegularFile(file)) {
            return true;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String what = Files.isSymbolicLink(file) && !Files.exists(file) ? "a symbolic link to nothing"
                : Files.isDirectory(file) ? "a folder" : "not a regular file (a FIFO or a device)";
        throw new MalformedModelException(file + ": " + what + ", where the model's file belongs");
    }
}
