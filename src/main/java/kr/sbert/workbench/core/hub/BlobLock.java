package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * An exclusive lock on one blob, held across threads and processes: a JVM-wide lock per lock
 * file (file locks are held per process, so threads of one JVM must queue in-process first)
 * plus a {@code flock(2)} on {@code .locks/models--org--name/{etag}.lock}: the same file and the
 * same kind of lock huggingface_hub takes (its {@code filelock} calls {@code flock}), so a Python
 * download and ours never write one blob at once. Like {@code filelock} it polls with
 * {@code LOCK_NB}, so a wait can be cancelled. Where {@code flock} is unavailable (Windows) a
 * {@code FileChannel} lock is taken instead. Lock files are left in place, as huggingface_hub
 * does; deleting them would let a waiting process lock a file that another has just recreated.
 */
final class BlobLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    /** filelock's default poll interval is 50 ms. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final ReentrantLock inProcess;
    private final int fd;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BlobLock(ReentrantLock inProcess, int fd, FileChannel channel, FileLock fileLock) {
        this.inProcess = inProcess;
        this.fd = fd;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until the lock is held. */
    static BlobLock acquire(Path lockFile) throws IOException, CancelledException {
        return acquire(lockFile, CancelToken.NONE);
    }

    /** Waits until the lock is held or {@code cancel} is cancelled. */
    static BlobLock acquire(Path lockFile, CancelToken cancel) throws IOException, CancelledException {
        Path dir = Files.createDirectories(lockFile.toAbsolutePath().getParent());
        // the real path, so two spellings of one cache (a symlinked root) share one in-process lock
        Path key = dir.toRealPath().resolve(lockFile.getFileName());
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            while (!lock.tryLock(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                cancel.throwIfCancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        try {
            FileLockLibc.CLibrary c = FileLockLibc.library();
            if (c != null) {
                return new BlobLock(lock, flock(c, key, cancel), null, null);
            }
            FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new BlobLock(lock, -1, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | CancelledException | RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    private static int flock(FileLockLibc.CLibrary c, Path key, CancelToken cancel)
            throws IOException, CancelledException {
        int fd = FileLockLibc.openLockFile(c, key.toString());
        if (fd < 0) {
            throw new IOException("cannot open lock file " + key + " (errno " + FileLockLibc.lastError() + ")");
        }
        try {
            while (true) {
                if (c.flock(fd, FileLockLibc.LOCK_EX | FileLockLibc.LOCK_NB) == 0) {
                    return fd;
                }
                int errno = FileLockLibc.lastError();
                if (errno != FileLockLibc.EWOULDBLOCK && errno != FileLockLibc.EINTR) {
                    throw new IOException("cannot lock " + key + " (errno " + errno + ")");
                }
                cancel.throwIfCancelled();
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                }
            }
        } catch (IOException | CancelledException | RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (fd >= 0) {
                FileLockLibc.CLibrary c = FileLockLibc.library();
                c.flock(fd, FileLockLibc.LOCK_UN);
                c.close(fd);
            } else {
                fileLock.release();
                channel.close();
            }
        } finally {
            inProcess.unlock();
        }
    }
}
