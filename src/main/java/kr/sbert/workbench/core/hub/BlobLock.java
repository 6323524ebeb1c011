package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one blob, held across threads and processes: a JVM-wide lock per lock
 * file (file locks are held per process, so threads of one JVM must queue in-process first)
 * plus an OS file lock on {@code .locks/models--org--name/{etag}.lock}, the file
 * huggingface_hub locks too. Lock files are left in place, as huggingface_hub does; deleting
 * them would let a waiting process lock a file that another has just recreated.
 */
final class BlobLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock inProcess;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BlobLock(ReentrantLock inProcess, FileChannel channel, FileLock fileLock) {
        this.inProcess = inProcess;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until the lock is held. */
    static BlobLock acquire(Path lockFile) throws IOException {
        Path dir = Files.createDirectories(lockFile.toAbsolutePath().getParent());
        // the real path, so two spellings of one cache (a symlinked root) share one in-process lock
        Path key = dir.toRealPath().resolve(lockFile.getFileName());
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new BlobLock(lock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            lock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            inProcess.unlock();
        }
    }
}
