package kr.sbert.workbench.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk tier alone: segments, bounded size (least recently used first), compaction, concurrent writers. */
class DiskTierTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";
    @TempDir
    Path root;

    private static float[] vector(int seed, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = seed + i / 100f;
        }
        return v;
    }

    private static List<String> batchTexts(int batch, int size) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            t.add("묶음 " + batch + " 문장 " + i);
        }
        return t;
    }

    private static List<float[]> batchVectors(int batch, int size, int dim) {
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            v.add(vector(batch * 100 + i, dim));
        }
        return v;
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void aBatchIsOneSegmentAndANewInstanceReadsItBack() throws Exception {
        new DiskTier(root, 1L << 30).putAll(ID, batchTexts(0, 50), batchVectors(0, 50, 32));
        assertThat(segments()).hasSize(1);
        DiskTier fresh = new DiskTier(root, 1L << 30);
        for (int i = 0; i < 50; i++) {
            assertThat(fresh.get(ID, "묶음 0 문장 " + i, 32)).containsExactly(vector(i, 32));
        }
        assertThat(fresh.get(ID, "없는 문장", 32)).isNull();
        assertThat(fresh.get(ID, "묶음 0 문장 1", 33)).as("another dimension").isNull();
    }

    @Test
    void theLeastRecentlyUsedSegmentsGoFirstAndAReadCountsAsUse() throws Exception {
        DiskTier disk = new DiskTier(root, 1L << 30);
        Instant base = Instant.now().minusSeconds(10 * 3600);
        for (int b = 0; b < 6; b++) {
            disk.putAll(ID, batchTexts(b, 5), batchVectors(b, 5, 16));
        }
        List<Path> segs = segments();
        assertThat(segs).hasSize(6);
        long one = Files.size(segs.get(0));
        // segment b last used b hours after base: batch 0 is the oldest
        DiskTier reader = new DiskTier(root, 1L << 30);
        for (int b = 0; b < 6; b++) {
            Path seg = reader.locate(ID, "묶음 " + b + " 문장 0").segment();
            Files.setLastModifiedTime(seg, FileTime.from(base.plusSeconds(3600L * b)));
        }
        assertThat(reader.get(ID, "묶음 0 문장 3", 16)).containsExactly(vector(3, 16)); // batch 0 used now

        DiskTier bounded = new DiskTier(root, 4 * one);
        bounded.evictIfNeeded(); // down to 90% of 4 segments: 3 stay
        assertThat(segments()).hasSize(3);
        DiskTier after = new DiskTier(root, 1L << 30);
        assertThat(after.get(ID, "묶음 0 문장 0", 16)).isNotNull();
        for (int b = 1; b <= 3; b++) {
            assertThat(after.get(ID, "묶음 " + b + " 문장 0", 16)).as("batch %d", b).isNull();
        }
        for (int b = 4; b < 6; b++) {
            assertThat(after.get(ID, "묶음 " + b + " 문장 0", 16)).as("batch %d", b).containsExactly(vector(b * 100, 16));
        }
    }

    @Test
    void writingPastTheBoundEvictsDownToIt() throws Exception {
        DiskTier probe = new DiskTier(root.resolve("probe"), 1L << 30);
        probe.putAll(ID, batchTexts(0, 10), batchVectors(0, 10, 64));
        long one;
        try (Stream<Path> s = Files.walk(root.resolve("probe"))) {
            one = Files.size(s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow());
        }
        Path cache = root.resolve("cache");
        DiskTier disk = new DiskTier(cache, 5 * one);
        for (int b = 0; b < 20; b++) {
            disk.putAll(ID, batchTexts(b, 10), batchVectors(b, 10, 64));
        }
        assertThat(disk.evictIfNeeded()).isLessThanOrEqualTo(5 * one);
        assertThat(new DiskTier(cache, 5 * one).get(ID, "묶음 19 문장 9", 64)).containsExactly(vector(1909, 64));
    }

    @Test
    void manySmallWritesAreMergedAndNothingIsLost() throws Exception {
        DiskTier disk = new DiskTier(root, 1L << 30);
        disk.putAll(ID, batchTexts(0, 100), batchVectors(0, 100, 16));
        for (int i = 0; i < 3 * DiskTier.COMPACT_AFTER; i++) {
            disk.putAll(ID, List.of("편집 " + i), List.of(vector(i, 16)));
        }
        disk.putAll(ID, List.of("묶음 0 문장 7"), List.of(vector(-7, 16))); // a newer value wins
        assertThat(segments().size()).isLessThanOrEqualTo(DiskTier.COMPACT_AFTER + 1);
        DiskTier fresh = new DiskTier(root, 1L << 30);
        for (int i = 0; i < 3 * DiskTier.COMPACT_AFTER; i++) {
            assertThat(fresh.get(ID, "편집 " + i, 16)).as("edit %d", i).containsExactly(vector(i, 16));
        }
        assertThat(fresh.get(ID, "묶음 0 문장 7", 16)).containsExactly(vector(-7, 16));
        assertThat(fresh.get(ID, "묶음 0 문장 8", 16)).containsExactly(vector(8, 16));
        assertThat(fresh.damagedEntries()).isZero();
    }

    @Test
    void concurrentWritersLeaveOnlyWholeEntries() throws Exception {
        int n = 200;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            DiskTier writer = new DiskTier(root, 1L << 30);
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i += 10) {
                        List<String> texts = new ArrayList<>();
                        List<float[]> vectors = new ArrayList<>();
                        for (int k = i; k < i + 10; k++) {
                            texts.add("같은 문장 " + k);
                            vectors.add(vector(k, 128));
                        }
                        writer.putAll(ID, texts, vectors);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        DiskTier reader = new DiskTier(root, 1L << 30);
        for (int i = 0; i < n; i++) {
            assertThat(reader.get(ID, "같은 문장 " + i, 128)).containsExactly(vector(i, 128));
        }
        assertThat(reader.damagedEntries()).isZero();
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }

    @Test
    void anEntryAnswersOnlyForItsOwnTextAndDimension() {
        byte[] e = EntryCodec.encode("가", vector(1, 8));
        assertThat(EntryCodec.decode(e, "가", 8)).containsExactly(vector(1, 8));
        assertThat(EntryCodec.decode(e, "나", 8)).isNull();
        assertThat(EntryCodec.decode(e, "가", 9)).isNull();
        assertThat(EntryCodec.textOf(e, 0, e.length)).isEqualTo("가");
        e[e.length - 6] ^= 1;
        assertThat(EntryCodec.textOf(e, 0, e.length)).isNull();
    }
}
