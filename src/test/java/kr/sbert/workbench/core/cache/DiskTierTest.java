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

/** The disk tier alone: bounded size, least recently used first, safe concurrent writers. */
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

    private static long entryBytes(String text, int dim) {
        return EntryCodec.encode(text, new float[dim]).length;
    }

    private long filesOnDisk() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".emb")).count();
        }
    }

    @Test
    void writingPastTheBoundEvictsDownToIt() throws Exception {
        long one = entryBytes("문장 00", 64);
        DiskTier disk = new DiskTier(root, 10 * one);
        for (int i = 0; i < 40; i++) {
            disk.put(ID, String.format("문장 %02d", i), vector(i, 64));
        }
        assertThat(disk.evictIfNeeded()).isLessThanOrEqualTo(10 * one);
        assertThat(filesOnDisk()).isBetween(1L, 10L);
    }

    @Test
    void theLeastRecentlyUsedEntriesGoFirstAndAReadCountsAsUse() throws Exception {
        long one = entryBytes("문장 00", 16);
        DiskTier disk = new DiskTier(root, 1L << 30);
        List<String> texts = new ArrayList<>();
        Instant base = Instant.now().minusSeconds(10 * 3600);
        for (int i = 0; i < 10; i++) {
            String t = String.format("문장 %02d", i);
            texts.add(t);
            disk.put(ID, t, vector(i, 16));
            // entry i last used i hours after base: 0 is the oldest
            Files.setLastModifiedTime(disk.entryFile(ID, t), FileTime.from(base.plusSeconds(3600L * i)));
        }
        assertThat(disk.get(ID, texts.get(0), 16)).containsExactly(vector(0, 16)); // used now

        DiskTier bounded = new DiskTier(root, 6 * one);
        bounded.evictIfNeeded(); // down to 90% of 6 entries: 5 stay
        assertThat(filesOnDisk()).isEqualTo(5);
        assertThat(bounded.get(ID, texts.get(0), 16)).isNotNull();
        for (int i = 1; i <= 5; i++) {
            assertThat(bounded.get(ID, texts.get(i), 16)).as("entry %d", i).isNull();
        }
        for (int i = 6; i < 10; i++) {
            assertThat(bounded.get(ID, texts.get(i), 16)).as("entry %d", i).containsExactly(vector(i, 16));
        }
    }

    @Test
    void concurrentWritersOfTheSameEntriesLeaveOnlyWholeEntries() throws Exception {
        int n = 200;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            DiskTier writer = new DiskTier(root, 1L << 30);
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        writer.put(ID, "같은 문장 " + i, vector(i, 128));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
        }
        threads.forEach(Thread::start);
        DiskTier reader = new DiskTier(root, 1L << 30);
        int seen = 0;
        for (int i = 0; i < n; i++) {
            float[] v = reader.get(ID, "같은 문장 " + i, 128);
            if (v != null) {
                assertThat(v).containsExactly(vector(i, 128));
                seen++;
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        for (int i = 0; i < n; i++) {
            assertThat(reader.get(ID, "같은 문장 " + i, 128)).containsExactly(vector(i, 128));
        }
        assertThat(reader.damagedEntries()).isZero();
        assertThat(seen).isBetween(0, n);
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
    }
}
