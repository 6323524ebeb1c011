package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kr.sbert.workbench.core.Limits;

/**
 * Embeddings on disk, in append-only segment files: {@code embeddings-v2/<identity key>/<time>-<random>.seg},
 * each a run of framed, self-checking entries ({@link EntryCodec}) written by one store call
 * (a batch of sentences costs one file, not one per sentence). A segment is written under a
 * temporary name and renamed into place, so any process sees a whole segment or none; later
 * segments win over earlier ones for the same text. Every entry is checked when a model's
 * index is built and again when it is read: a damaged entry is never returned (it counts as a
 * miss and is recomputed; the new value lands in a new segment). Over
 * {@value #COMPACT_AFTER} segments, all of a model's segments but its largest are merged into
 * one. The bound is kept by {@link DiskEviction} (least recently used segments first; reading
 * refreshes a segment's time, at most hourly). File format: {@link SegmentFiles}.
 *
 * <p>Every file is opened through {@link CacheFiles}: a segment that is a link, a FIFO, a device
 * or larger than {@link Limits#CACHE_SEGMENT_MAX_BYTES} is never read (it is not ours), and a
 * segment is read entry by entry. The index keys texts by their hash ({@link Hashing#textKey})
 * and holds at most {@link Limits#CACHE_ENTRIES_MAX} entries per model, so its memory is
 * bounded whatever the folder holds.
 */
final class DiskTier {
    static final String LAYOUT = "embeddings-v2";
    static final int COMPACT_AFTER = 32;
    private static final long MAX_SEGMENT = Limits.CACHE_SEGMENT_MAX_BYTES;
    private static final Duration TOUCH_AFTER = Duration.ofHours(1);
    private final Path dir;
    private final long maxBytes;
    private final AtomicLong damaged = new AtomicLong();
    private final Map<String, ModelIndex> indexes = new ConcurrentHashMap<>();
    private long knownBytes = -1;
    private long writtenSinceScan;

    /** Where one entry lives. */
    record Location(Path segment, long offset, int length) {
    }

    /** One model's entries on disk: text key → newest location, and the segments read so far. */
    private static final class ModelIndex {
        final Map<String, Location> entries = new HashMap<>();
        final Set<String> segments = new HashSet<>();
        final Map<Path, Instant> touched = new HashMap<>();
        final Map<Path, FileChannel> open = new ConcurrentHashMap<>();

        /** Forgets every open segment (it may be gone): the next read opens it again. */
        void closeAll() {
            for (FileChannel ch : open.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a read-only channel
                }
            }
            open.clear();
        }
    }

    DiskTier(Path root, long maxBytes) {
        this.dir = root.resolve(LAYOUT);
        this.maxBytes = maxBytes;
    }

    /** The stored vector, or null when absent or damaged. */
    float[] get(String identityKey, String text, int dimension) {
        ModelIndex index = index(identityKey);
        String key = Hashing.textKey(text);
        Location at;
        synchronized (index) {
            at = index.entries.get(key);
        }
        if (at == null) {
            return null;
        }
        byte[] record = read(index, at);
        float[] v = record == null ? null : EntryCodec.decode(record, text, dimension);
        if (v == null) {
            if (record != null) {
                damaged.incrementAndGet();
            }
            synchronized (index) {
                index.entries.remove(key, at);
            }
            return null;
        }
        touch(index, at.segment());
        return v;
    }

    /** An entry's bytes through the segment's open channel (segments never change once written). */
    private static byte[] read(ModelIndex index, Location at) {
        try {
            FileChannel ch = index.open.get(at.segment());
            if (ch == null || !ch.isOpen()) {
                ch = CacheFiles.open(at.segment(), MAX_SEGMENT);
                if (ch == null) {
                    return null; // gone, or no longer a regular file of ours: a plain miss
                }
                FileChannel raced = index.open.putIfAbsent(at.segment(), ch);
                if (raced != null && raced.isOpen()) {
                    ch.close();
                    ch = raced;
                } else if (raced != null) {
                    index.open.put(at.segment(), ch);
                }
            }
            ByteBuffer b = ByteBuffer.allocate(at.length());
            while (b.hasRemaining()) {
                if (ch.read(b, at.offset() + b.position()) < 0) {
                    return new byte[0]; // truncated since it was indexed: damaged
                }
            }
            return b.array();
        } catch (IOException e) {
            return null; // deleted by eviction or compaction elsewhere: a plain miss
        }
    }

    private void touch(ModelIndex index, Path segment) {
        Instant now = Instant.now();
        synchronized (index) {
            Instant last = index.touched.get(segment);
            if (last != null && last.isAfter(now.minus(TOUCH_AFTER))) {
                return;
            }
            index.touched.put(segment, now);
        }
        try {
            if (Files.getLastModifiedTime(segment, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(TOUCH_AFTER))) {
                CacheFiles.touch(segment, FileTime.from(now));
            }
        } catch (IOException ignored) {
            // recency is a hint for eviction only
        }
    }

    private ModelIndex index(String identityKey) {
        return indexes.computeIfAbsent(identityKey, k -> {
            ModelIndex index = new ModelIndex();
            refresh(k, index);
            return index;
        });
    }

    /** Reads the segments of a model not read yet (oldest first), checking every entry. */
    private void refresh(String identityKey, ModelIndex index) {
        if (Files.isSymbolicLink(dir)) {
            return; // embeddings-v2 itself links elsewhere: not the cache's folder
        }
        List<Path> segments = SegmentFiles.list(dir.resolve(identityKey));
        synchronized (index) {
            for (Path s : segments) {
                if (index.segments.add(s.getFileName().toString())) {
                    scan(s, index);
                }
            }
        }
    }

    private void scan(Path segment, ModelIndex index) {
        try (FileChannel ch = CacheFiles.open(segment, MAX_SEGMENT)) {
            if (ch == null) {
                return; // not a regular file of at most MAX_SEGMENT bytes: not ours
            }
            damaged.addAndGet(SegmentFiles.scan(ch, (key, offset, length) -> {
                if (index.entries.size() < Limits.CACHE_ENTRIES_MAX || index.entries.containsKey(key)) {
                    index.entries.put(key, new Location(segment, offset, length));
                }
            }));
        } catch (IOException e) {
            // vanished or unreadable meanwhile: its entries are misses
        }
    }

    /** Stores a batch as one segment; failures (read-only or full disk) leave the cache as it was. */
    void putAll(String identityKey, List<String> texts, List<float[]> vectors) {
        if (maxBytes == 0 || texts.isEmpty() || Files.isSymbolicLink(dir)) {
            return;
        }
        List<byte[]> records = new ArrayList<>(texts.size());
        List<String> keys = new ArrayList<>(texts.size());
        long size = 0;
        for (int i = 0; i < texts.size(); i++) {
            byte[] utf8 = texts.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!EntryCodec.storable(utf8, vectors.get(i))) {
                continue; // over the cache's budgets: encoded every time
            }
            byte[] r = EntryCodec.encode(texts.get(i), vectors.get(i));
            records.add(r);
            keys.add(Hashing.textKey(utf8));
            size += 4 + r.length;
        }
        if (records.isEmpty()) {
            return;
        }
        if (size > MAX_SEGMENT && texts.size() > 1) {
            int half = texts.size() / 2;
            putAll(identityKey, texts.subList(0, half), vectors.subList(0, half));
            putAll(identityKey, texts.subList(half, texts.size()), vectors.subList(half, vectors.size()));
            return;
        }
        Path segment;
        try {
            segment = SegmentFiles.write(dir.resolve(identityKey), SegmentFiles.frame(records));
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        ModelIndex index = index(identityKey);
        int segmentCount;
        synchronized (index) {
            if (index.segments.add(segment.getFileName().toString())) {
                long offset = 0;
                for (int i = 0; i < records.size(); i++) {
                    if (index.entries.size() < Limits.CACHE_ENTRIES_MAX || index.entries.containsKey(keys.get(i))) {
                        index.entries.put(keys.get(i), new Location(segment, offset + 4, records.get(i).length));
                    }
                    offset += 4 + records.get(i).length;
                }
            }
            segmentCount = index.segments.size();
        }
        noteWritten(size);
        if (segmentCount > COMPACT_AFTER) {
            compact(identityKey, index);
        }
    }

    /**
     * Merges a model's segments, all but the largest, into one: each text's current entry, if it
     * still checks out. The largest stays as it is, so merging costs the small writes only.
     */
    private void compact(String identityKey, ModelIndex index) {
        refresh(identityKey, index);
        Path modelDir = dir.resolve(identityKey);
        List<String> keys = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        List<Path> small;
        synchronized (index) {
            List<Path> all = index.segments.stream().map(modelDir::resolve).toList();
            Path largest = all.stream().max(Comparator.comparingLong(DiskTier::sizeOrZero)).orElse(null);
            small = all.stream().filter(p -> !p.equals(largest)).toList();
            long gathered = 0;
            for (Map.Entry<String, Location> e : index.entries.entrySet()) {
                Location at = e.getValue();
                if (at.segment().equals(largest)) {
                    continue;
                }
                byte[] record = read(index, at);
                if (record != null && EntryCodec.textOf(record, 0, record.length) != null) {
                    keys.add(e.getKey());
                    records.add(record);
                    gathered += 4L + record.length;
                    if (gathered > MAX_SEGMENT) {
                        return;
                    }
                }
            }
        }
        long size = records.stream().mapToLong(r -> 4L + r.length).sum();
        if (size > MAX_SEGMENT) {
            return;
        }
        Path merged = null;
        if (!records.isEmpty()) {
            try {
                merged = SegmentFiles.write(modelDir, SegmentFiles.frame(records));
            } catch (IOException e) {
                return;
            }
        }
        synchronized (index) {
            for (Path p : small) {
                index.segments.remove(p.getFileName().toString());
                index.touched.remove(p);
                FileChannel ch = index.open.remove(p);
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // read-only
                    }
                }
            }
            if (merged != null) {
                index.segments.add(merged.getFileName().toString());
                long offset = 0;
                for (int i = 0; i < records.size(); i++) {
                    index.entries.put(keys.get(i), new Location(merged, offset + 4, records.get(i).length));
                    offset += 4 + records.get(i).length;
                }
            }
            index.entries.values().removeIf(at -> small.contains(at.segment()));
        }
        for (Path p : small) {
            DiskEviction.deleteQuietly(p);
        }
    }

    private static long sizeOrZero(Path p) {
        return Math.max(0, CacheFiles.checkedSize(p, Long.MAX_VALUE));
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

    /** Scans the folder; when over the bound deletes the least recently used segments. Returns the bytes left. */
    synchronized long evictIfNeeded() {
        if (Files.isSymbolicLink(dir)) {
            return 0; // never deletes through a link
        }
        DiskEviction.Trim t = DiskEviction.trim(dir, maxBytes);
        if (t.deleted()) {
            indexes.values().forEach(ModelIndex::closeAll);
            indexes.clear(); // rebuilt from what is left on the next read
        }
        return t.bytes();
    }

    /** Entries that failed their checks since this tier was opened. */
    long damagedEntries() {
        return damaged.get();
    }

    /** Where an entry is kept, if this tier knows one (tests and diagnostics). */
    Location locate(String identityKey, String text) {
        ModelIndex index = index(identityKey);
        synchronized (index) {
            return index.entries.get(Hashing.textKey(text));
        }
    }

    Path folder() {
        return dir;
    }
}
