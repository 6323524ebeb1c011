package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the disk tier within its bound: when the segments of all models together exceed it,
 * the least recently used segments (by modification time, which reads refresh) are deleted
 * down to 90% of the bound. Temporary files older than an hour (a writer that died) go too.
 */
final class DiskEviction {
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    /** What a trim left: the bytes still held, and whether it deleted any segment. */
    record Trim(long bytes, boolean deleted) {
    }

    private DiskEviction() {
    }

    static Trim trim(Path dir, long maxBytes) {
        record Seg(Path path, long size, FileTime time) {
        }
        List<Seg> all = new ArrayList<>();
        long total = 0;
        Instant staleTmp = Instant.now().minus(STALE_TEMP);
        List<Path> models = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(models::add);
        } catch (IOException e) {
            return new Trim(0, false);
        }
        for (Path m : models) {
            if (!Files.isDirectory(m, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a link to a folder elsewhere is never entered (nothing outside is deleted)
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(m)) {
                for (Path f : ds) {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    String name = f.getFileName().toString();
                    if (name.startsWith(SegmentFiles.TEMP_PREFIX)) {
                        if (a.lastModifiedTime().toInstant().isBefore(staleTmp)) {
                            deleteQuietly(f);
                        }
                    } else if (name.endsWith(SegmentFiles.SUFFIX)) {
                        all.add(new Seg(f, a.size(), a.lastModifiedTime()));
                        total += a.size();
                    }
                }
            } catch (IOException ignored) {
                // not a folder, or vanished meanwhile
            }
        }
        if (total <= maxBytes) {
            return new Trim(total, false);
        }
        all.sort(Comparator.comparing(Seg::time));
        long target = maxBytes / 10 * 9;
        for (Seg s : all) {
            if (total <= target) {
                break;
            }
            if (deleteQuietly(s.path())) {
                total -= s.size();
            }
        }
        for (Path m : models) {
            deleteQuietly(m); // only succeeds when empty
        }
        return new Trim(total, true);
    }

    static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }
}
