package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.io.BoundedFiles;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * Brings one file's bytes into {@code blobs/{etag}.incomplete} and verifies them: resumes from
 * what is already there ({@code Range: bytes=N-}, also across runs), retries dropped connections
 * with backoff, starts over when a server answers a Range request with 200, and checks the size
 * and, for LFS files, the sha256. A file that fails verification is deleted. Moving the verified
 * file into {@code blobs/} is the caller's job (under the blob's lock).
 */
final class BlobDownloader {
    private static final int BUFFER = 1 << 16;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HubClient client;
    private final RetryPolicy retry;

    BlobDownloader(HubClient client) {
        this.client = client;
        this.retry = client.retryPolicy();
    }

    /**
     * Downloads into {@code incomplete} until it holds the whole file, then verifies it.
     *
     * @param progress told of bytes added to the file (negative when a restart drops bytes)
     * @throws HubException after too many failed attempts, on a full disk, or when the bytes do
     *                      not match (the file is then deleted)
     */
    /**
     * The most bytes a file's body may bring: its announced size, else the budget of its kind
     * (a weight file: {@link Limits#DOWNLOAD_UNANNOUNCED_WEIGHTS_MAX_BYTES}; anything else:
     * {@link Limits#DOWNLOAD_UNANNOUNCED_OTHER_MAX_BYTES}).
     */
    static long budget(FileMetadata file) {
        if (file.size() >= 0) {
            return file.size();
        }
        String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".safetensors") || name.endsWith(".bin") ? Limits.DOWNLOAD_UNANNOUNCED_WEIGHTS_MAX_BYTES
                : Limits.DOWNLOAD_UNANNOUNCED_OTHER_MAX_BYTES;
    }

    void download(String repoId, FileMetadata file, Path incomplete, LongConsumer progress, CancelToken cancel)
            throws HubException, CancelledException {
        int failures = 0;
        int slowInARow = 0;
        long best = -1; // the most bytes the file held after any attempt: only going beyond it is progress
        removeIfNotOurs(incomplete);
        while (true) {
            cancel.throwIfCancelled();
            long offset = sizeOrZero(incomplete);
            best = Math.max(best, offset);
            if (file.size() >= 0 && offset > file.size()) {
                progress.accept(-offset);
                truncate(incomplete);
                offset = 0;
            }
            if (file.size() >= 0 && offset == file.size()) {
                break;
            }
            Transfer t = new Transfer();
            try {
                if (fetch(repoId, file, incomplete, offset, progress, cancel, t)) {
                    break;
                }
            } catch (IOException e) {
                cancel.throwIfCancelled(); // the watchdog closed the stream because of a cancel
                // Progress resets the count, but only new bytes beyond the best so far and not from a
                // transfer dropped as too slow: a server answering Range with 200, or a wrong
                // Content-Range, or trickling bytes, would otherwise be retried for ever.
                long now = sizeOrZero(incomplete);
                boolean progressed = now >= best + kr.sbert.workbench.core.Limits.DOWNLOAD_PROGRESS_MIN_BYTES
                        && !t.tooSlow.get();
                failures = progressed ? 1 : failures + 1;
                slowInARow = t.tooSlow.get() ? slowInARow + 1 : 0;
                best = Math.max(best, now);
                if (failures > retry.attempts() || slowInARow >= kr.sbert.workbench.core.Limits.SLOW_ATTEMPTS_MAX) {
                    throw new HubException("download of " + file.path() + " from " + repoId + " failed after "
                            + failures + " attempts (" + HubClient.describe(e) + "); run the command again to resume", e);
                }
                sleep(retry.delayBefore(failures));
            }
        }
        verify(repoId, file, incomplete);
    }

    /**
     * Bytes received in one attempt, when the last arrived (for the stall watchdog) and the
     * minimum-rate window ({@link kr.sbert.workbench.core.Limits#minRateBytesPerSecond()}).
     */
    private static final class Transfer {
        final AtomicLong received = new AtomicLong();
        final AtomicLong lastByteNanos = new AtomicLong(System.nanoTime());
        final AtomicBoolean tooSlow = new AtomicBoolean();
        final long minRate = kr.sbert.workbench.core.Limits.minRateBytesPerSecond();
        final long windowNanos = kr.sbert.workbench.core.Limits.minRateWindow().toNanos();
        long windowStartNanos = System.nanoTime();
        long windowStartBytes;

        /** Called by the watchdog only: true when the last full window brought fewer bytes than the rate asks. */
        boolean slowerThanMinimum() {
            long now = System.nanoTime();
            if (now - windowStartNanos < windowNanos) {
                return false;
            }
            long bytes = received.get();
            double need = minRate * ((now - windowStartNanos) / 1e9);
            boolean slow = bytes - windowStartBytes < need;
            windowStartNanos = now;
            windowStartBytes = bytes;
            return slow;
        }
    }

    /**
     * Downloads write only regular files they created: a {@code .incomplete} that is a symlink
     * (or anything but a regular file) is removed, never followed, before the download starts.
     */
    private static void removeIfNotOurs(Path incomplete) throws HubException {
        try {
            if (Files.exists(incomplete, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(incomplete, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(incomplete);
            }
        } catch (IOException e) {
            throw new HubException("cannot remove " + incomplete + " (not a regular file): " + e.getMessage(), e);
        }
    }

    /** One attempt. @return true when the file is complete (or the stream ended and the size is unknown). */
    private boolean fetch(String repoId, FileMetadata file, Path incomplete, long offset, LongConsumer progress,
                          CancelToken cancel, Transfer t) throws IOException, HubException, CancelledException {
        HttpResponse<InputStream> r = client.get(file, repoId, offset);
        try (InputStream body = r.body()) {
            int code = r.statusCode();
            if (code == 416 || (code == 206 && !rangeStartsAt(r, offset))) {
                progress.accept(-offset); // the server cannot continue from here: start over
                truncate(incomplete);
                throw new IOException("server could not resume at byte " + offset);
            }
            boolean append = code == 206;
            if (!append && offset > 0) {
                progress.accept(-offset); // 200 to a Range request: the whole file comes again
            }
            // A blocked read on the JDK's body stream wakes up only on data, close or interrupt:
            // the watchdog closes and interrupts when cancelled or stalled.
            AtomicBoolean closedByWatchdog = new AtomicBoolean();
            Thread reader = Thread.currentThread();
            Object guard = new Object();
            AtomicBoolean active = new AtomicBoolean(true);
            ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
                long idle = System.nanoTime() - t.lastByteNanos.get();
                boolean slow = t.slowerThanMinimum();
                if (slow) {
                    t.tooSlow.set(true);
                }
                if (cancel.isCancelled() || idle > retry.stallTimeout().toNanos() || slow) {
                    synchronized (guard) {
                        if (active.get() && !closedByWatchdog.getAndSet(true)) {
                            closeQuietly(body);
                            reader.interrupt();
                        }
                    }
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            removeIfNotOurs(incomplete);
            long room = budget(file) - (append ? offset : 0);
            try (FileChannel out = FileChannel.open(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!copy(body, out, incomplete, progress, cancel, t, room)) {
                    out.close();
                    truncate(incomplete);
                    throw new HubException(repoId + " " + file.path() + ": the server sends more than the "
                            + (file.size() < 0 ? budget(file) + " bytes (" + BoundedFiles.sizeText(budget(file))
                                    + ") a file of its kind may have when its size is not announced"
                                    : file.size() + " bytes it announced")
                            + "; the partial file was deleted");
                }
            } catch (IOException e) {
                if (closedByWatchdog.get()) { // the read failed because the watchdog closed the stream: say why
                    cancel.throwIfCancelled();
                    throw new IOException(t.tooSlow.get()
                            ? "slower than " + t.minRate + " bytes/s"
                            : "no data for " + retry.stallTimeout().toSeconds() + " s", e);
                }
                if (e instanceof java.nio.channels.ClosedByInterruptException) {
                    throw new IOException("transfer stopped", e);
                }
                throw e;
            } finally {
                watch.cancel(false);
                synchronized (guard) {
                    active.set(false);
                }
                if (closedByWatchdog.get()) {
                    Thread.interrupted(); // our own interrupt, consumed here
                }
            }
            cancel.throwIfCancelled();
            if (closedByWatchdog.get()) {
                throw new IOException(t.tooSlow.get()
                        ? "slower than " + t.minRate + " bytes/s"
                        : "no data for " + retry.stallTimeout().toSeconds() + " s");
            }
            long have = Files.size(incomplete);
            if (file.size() >= 0 && have < file.size()) {
                throw new IOException("connection closed after " + have + " of " + file.size() + " bytes");
            }
            return true;
        }
    }

    /**
     * Copies at most {@code room} bytes (what the announced size leaves).
     *
     * @return false when the server sent more than that (nothing beyond it is written)
     */
    private static boolean copy(InputStream in, FileChannel out, Path target, LongConsumer progress,
                                CancelToken cancel, Transfer t, long room) throws IOException, HubException,
            CancelledException {
        byte[] buf = new byte[BUFFER];
        int n;
        long left = room;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, Math.min(left + 1, Integer.MAX_VALUE)))))
                >= 0) {
            cancel.throwIfCancelled();
            if (n == 0) {
                continue;
            }
            if (n > left) {
                return false;
            }
            left -= n;
            t.lastByteNanos.set(System.nanoTime());
            t.received.addAndGet(n);
            try {
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            } catch (java.nio.channels.ClosedByInterruptException e) {
                throw e; // the watchdog stopped a stalled or cancelled transfer
            } catch (IOException e) {
                throw diskError(target, e);
            }
            progress.accept(n);
        }
        return true;
    }

    /** Size must match; LFS content must hash to its sha256 ETag. A mismatch deletes the file. */
    private static void verify(String repoId, FileMetadata file, Path incomplete) throws HubException {
        try {
            long size = Files.size(incomplete);
            if (file.size() >= 0 && size != file.size()) {
                Files.deleteIfExists(incomplete);
                throw new HubException(repoId + " " + file.path() + ": got " + size + " bytes, the hub announced "
                        + file.size() + "; the file was deleted, run again to retry");
            }
            if (file.isLfs()) {
                String actual = sha256(incomplete);
                if (!actual.equals(file.etag().toLowerCase(Locale.ROOT))) {
                    Files.deleteIfExists(incomplete);
                    throw new HubException(repoId + " " + file.path() + ": downloaded bytes have sha256 " + actual
                            + " but the hub says " + file.etag() + "; the file was deleted, run again to retry");
                }
            }
        } catch (IOException e) {
            throw new HubException("cannot check " + incomplete + ": " + e.getMessage(), e);
        }
    }

    /**
     * A blob another process finished while we waited for its lock: complete and verified (size,
     * and sha256 for LFS files) or refused; it is not downloaded again either way.
     */
    static void verifyFinished(String repoId, FileMetadata file, Path blob) throws HubException {
        try {
            long size = Files.size(blob);
            boolean sizeOk = file.size() < 0 || size == file.size();
            if (!sizeOk || (file.isLfs() && !sha256(blob).equals(file.etag().toLowerCase(Locale.ROOT)))) {
                throw new HubException(repoId + " " + file.path() + ": " + blob + ", written by another download, does not"
                        + " match what the hub announced (" + (sizeOk ? "sha256" : size + " bytes, not " + file.size())
                        + "); delete it and run again");
            }
        } catch (IOException e) {
            throw new HubException("cannot check " + blob + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A write failure as the user should read it: a full disk says so. */
    static HubException diskError(Path target, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("No space left") || msg.contains("Disk quota") || msg.contains("not enough space")) {
            return new HubException("disk full while writing " + target + "; free space there or set HF_HUB_CACHE to a "
                    + "bigger disk, then run again to resume", e);
        }
        return new HubException("cannot write " + target + ": " + msg, e);
    }

    private static boolean rangeStartsAt(HttpResponse<?> r, long offset) {
        // Content-Range: bytes 100-999/1000
        return r.headers().firstValue("Content-Range")
                .map(v -> v.strip().startsWith("bytes " + offset + "-"))
                .orElse(false);
    }

    private static long sizeOrZero(Path p) throws HubException {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new HubException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void truncate(Path p) throws HubException {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new HubException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only to unblock a read
        }
    }

    private static void sleep(java.time.Duration d) throws CancelledException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }
}
