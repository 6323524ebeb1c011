package kr.sbert.workbench.core.hub;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code flock(2)} through JNA: the lock Python's {@code filelock} (and so huggingface_hub)
 * takes on {@code .locks/<repo>/<etag>.lock}. Java's {@code FileChannel.lock} takes a POSIX
 * record lock instead, and on Linux the two kinds do not exclude each other.
 */
final class FileLockLibc {

    /** The libc calls used; declared as in {@code <fcntl.h>} / {@code <sys/file.h>}. */
    interface CLibrary extends Library {
        int open(String path, int flags, int mode);

        int flock(int fd, int operation);

        int close(int fd);
    }

    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;
    static final int LOCK_UN = 8;
    /** EWOULDBLOCK (= EAGAIN) on Linux and macOS. */
    static final int EWOULDBLOCK = Platform.isMac() ? 35 : 11;
    static final int EINTR = 4;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = Platform.isMac() ? 0x200 : 0x40;
    private static final int O_NOFOLLOW = Platform.isMac() ? 0x100 : 0x20000;
    private static final int O_CLOEXEC = Platform.isMac() ? 0x1000000 : 0x80000;

    private static volatile CLibrary library;
    private static volatile boolean unavailable;

    private FileLockLibc() {
    }

    /** libc, or null where flock is not available (Windows, or JNA cannot load). */
    static CLibrary library() {
        if (library == null && !unavailable) {
            synchronized (FileLockLibc.class) {
                if (library == null && !unavailable) {
                    try {
                        library = Platform.isWindows() ? null : Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
                    } catch (LinkageError | RuntimeException e) {
                        library = null;
                    }
                    unavailable = library == null;
                }
            }
        }
        return library;
    }

    /** Opens (creating, mode 0644, never through a symlink) the lock file; -1 and errno on failure. */
    static int openLockFile(CLibrary c, String path) {
        return c.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    }

    static int lastError() {
        return Native.getLastError();
    }
}
