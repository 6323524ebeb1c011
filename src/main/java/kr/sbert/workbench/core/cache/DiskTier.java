package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeddings on disk, one small checked file per (model identity, text):
 * {@code embeddings-v1/<identity key>/<2 hex>/<sha256(text)>.emb}. Each file is written to a
 * temporary name in its folder and renamed into place, so a reader (in this or any other
 * process) sees a whole entry or none. A file that fails its checks is deleted and reported
 * as a miss. Reading an entry refreshes its modification time (at most hourly); when the
 * folder outgrows its bound the least recently used entries are deleted down to 90%.
 */
final class DiskTier {
    static final String LAYOUT = "embeddings-v1";
    private static final Duration TOUCH_AFTER = Duration.ofHours(1);
    private final Path dir;
    private final long maxBytes;
    private final AtomicLong damaged = new AtomicLong();
    private long knownBytes = -1;
    private long writtenSinceScan;

    DiskTier(Path root, long maxBytes) {
        this.dir = root.resolve(LAYOUT);
        this.maxBytes = maxBytes;
    }

    Path entryFile(String identityKey, String text) {
        String h = Hashing.sha256(text);
        return dir.resolve(identityKey).resolve(h.substring(0, 2)).resolve(h + ".emb");
    }

    /** The stored vector, or null when absent or damaged (a damaged file is deleted). */
    float[] get(String identityKey, String text, int dimension) {
        Path file = entryFile(identityKey, text);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
        float[] v = EntryCodec.decode(bytes, text, dimension);
        if (v == null) {
            damaged.incrementAndGet();
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // another process may have replaced it already; it is recomputed either way
            }
            return null;
        }
        touch(file);
        return v;
    }

    private static void touch(Path file) {
        try {
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(TOUCH_AFTER))) {
                Files.setLastModifiedTime(file, FileTime.from(now));
            }
        } catch (IOException ignored) {
            // recency is a hint for eviction only
        }
    }

    /** Stores a vector; failures (read-only or full disk) leave the cache as it was. */
    void put(String identityKey, String text, float[] vector) {
        if (maxBytes == 0) {
            return;
        }
        Path file = entryFile(identityKey, text);
        byte[] bytes = EntryCodec.encode(text, vector);
        // Two tries: another process's eviction may remove an empty shard folder in between.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                write(file, bytes);
                noteWritten(bytes.length);
                return;
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".emb");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private synchronized void noteWritten(long n) {
        writtenSinceScan += n;
        if (knownBytes < 0 || writtenSinceScan > Math.max(1, maxBytes / 8)) {
            knownBytes = evictIfNeeded();
            writtenSinceScan = 0;
        } else {
            knownBytes += n;
            if (knownBytes > maxBytes) {
                knownBytes = evictIfNeeded();
                writtenSinceScan = 0;
            }
        }
    }

    /** Scans the folder; when it is over the bound deletes the least recently used entries. Returns the bytes left. */
    synchronized long evictIfNeeded() {
        List<Object[]> files = new ArrayList<>();
        long[] total = {0};
        Instant staleTmp = Instant.now().minus(TOUCH_AFTER);
        try {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".tmp-")) {
                        if (a.lastModifiedTime().toInstant().isBefore(staleTmp)) {
                            deleteQuietly(f);
                        }
                    } else if (name.endsWith(".emb")) {
                        files.add(new Object[] {f, a.size(), a.lastModifiedTime()});
                        total[0] += a.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        if (total[0] <= maxBytes) {
            return total[0];
        }
        files.sort(Comparator.comparing((Object[] o) -> (FileTime) o[2]));
        long target = maxBytes / 10 * 9;
        for (Object[] o : files) {
            if (total[0] <= target) {
                break;
            }
            if (deleteQuietly((Path) o[0])) {
                total[0] -= (long) o[1];
            }
        }
        removeEmptyFolders();
        return total[0];
    }

    private void removeEmptyFolders() {
        try (DirectoryStream<Path> models = Files.newDirectoryStream(dir)) {
            for (Path m : models) {
                try (DirectoryStream<Path> shards = Files.newDirectoryStream(m)) {
                    for (Path s : shards) {
                        deleteQuietly(s); // fails unless empty
                    }
                } catch (IOException ignored) {
                    // not a folder, or vanished
                }
                deleteQuietly(m);
            }
        } catch (IOException ignored) {
            // nothing to tidy
        }
    }

    private static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    /** Entries that failed their checks since this tier was opened. */
    long damagedEntries() {
        return damaged.get();
    }

    Path folder() {
        return dir;
    }
}
