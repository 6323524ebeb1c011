package kr.sbert.workbench.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in the cache folder that are not what the cache wrote: a FIFO, a link to
 * {@code /dev/zero} or out of the folder, a sparse file of gigabytes, a memo that names another
 * file's hash. None may hang, exhaust memory, be read outside the folder or give wrong numbers.
 */
class HostileCacheFilesTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final Duration BOUND = Duration.ofSeconds(20);
    @TempDir
    Path root;
    @TempDir
    Path outside;

    private static float[] vector(int seed) {
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = seed + i / 10f;
        }
        return v;
    }

    private Path modelDir() {
        return root.resolve(DiskTier.LAYOUT).resolve(ID);
    }

    /** One real segment holding "가" and "나", written by the tier itself. */
    private void storeTwo() {
        new DiskTier(root, 1L << 30).putAll(ID, List.of("가", "나"), List.of(vector(1), vector(2)));
    }

    private static void mkfifo(Path p) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).start().waitFor()).isZero();
    }

    private static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aFifoSegmentIsSkippedNotRead() throws Exception {
        storeTwo();
        mkfifo(modelDir().resolve("ffffffffffffe-0000000000000000.seg"));
        assertTimeoutPreemptively(BOUND, () -> {
            DiskTier fresh = new DiskTier(root, 1L << 30);
            assertThat(fresh.get(ID, "가", 8)).containsExactly(vector(1));
            assertThat(fresh.get(ID, "다", 8)).isNull();
        });
    }

    @Test
    void aSegmentLinkedToDevZeroOrASparseGiantIsNeverReadWhole() throws Exception {
        storeTwo();
        Files.createSymbolicLink(modelDir().resolve("ffffffffffffe-0000000000000001.seg"), Path.of("/dev/zero"));
        try (RandomAccessFile f = new RandomAccessFile(modelDir().resolve("ffffffffffffe-0000000000000002.seg").toFile(), "rw")) {
            f.setLength(3L << 30); // sparse, over the segment budget
        }
        try (RandomAccessFile f = new RandomAccessFile(modelDir().resolve("ffffffffffffe-0000000000000003.seg").toFile(), "rw")) {
            f.setLength(900L << 20); // sparse, within the budget: zeros are a torn frame at once
        }
        System.gc();
        long before = heapUsed();
        assertTimeoutPreemptively(BOUND, () -> {
            DiskTier fresh = new DiskTier(root, 1L << 30);
            assertThat(fresh.get(ID, "나", 8)).containsExactly(vector(2));
        });
        assertThat(heapUsed() - before).as("heap grown by the scan").isLessThan(200L << 20);
    }

    @Test
    void aSegmentLinkedOutOfTheFolderIsNeitherReadNorTouched() throws Exception {
        // a real segment moved outside, linked back in under its own name
        new DiskTier(root, 1L << 30).putAll(ID, List.of("밖"), List.of(vector(9)));
        Path seg;
        try (Stream<Path> s = Files.list(modelDir())) {
            seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        Path target = outside.resolve("victim.seg");
        Files.move(seg, target);
        Files.createSymbolicLink(seg, target);
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
        Files.setLastModifiedTime(target, old);

        DiskTier fresh = new DiskTier(root, 1L << 30);
        assertThat(fresh.get(ID, "밖", 8)).as("an entry behind a link").isNull();
        fresh.putAll(ID, List.of("안"), List.of(vector(3)));
        new DiskTier(root, 1).evictIfNeeded(); // evicts everything it owns
        assertThat(target).exists();
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(old);
    }

    @Test
    void aModelFolderLinkedOutOfTheCacheIsNeitherReadWrittenNorEvicted() throws Exception {
        Path elsewhere = outside.resolve("model");
        new DiskTier(outside.resolve("other-cache"), 1L << 30).putAll(ID, List.of("밖"), List.of(vector(9)));
        Files.move(outside.resolve("other-cache").resolve(DiskTier.LAYOUT).resolve(ID), elsewhere);
        long before;
        try (Stream<Path> s = Files.list(elsewhere)) {
            before = s.count();
        }
        Files.createDirectories(modelDir().getParent());
        Files.createSymbolicLink(modelDir(), elsewhere);

        DiskTier fresh = new DiskTier(root, 1L << 30);
        assertThat(fresh.get(ID, "밖", 8)).isNull();
        fresh.putAll(ID, List.of("안"), List.of(vector(3)));
        new DiskTier(root, 1).evictIfNeeded();
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertThat(s.count()).as("files in the linked folder").isEqualTo(before);
        }
    }

    @Test
    void aMemoThatIsAFifoOrLinkedToDevZeroIsIgnoredAndTheFileHashed() throws Exception {
        Path weights = Files.writeString(outside.resolve("model.safetensors"), "abc");
        String abc = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Path memoDir = Files.createDirectories(root.resolve("weight-digests"));
        Path memo = memoDir.resolve(Hashing.sha256(weights.toRealPath().toString()) + ".txt");
        mkfifo(memo);
        assertTimeoutPreemptively(BOUND, () -> assertThat(new WeightDigests(memoDir).digest(weights)).isEqualTo(abc));
        Files.delete(memo);
        Files.createSymbolicLink(memo, Path.of("/dev/zero"));
        assertTimeoutPreemptively(BOUND, () -> assertThat(new WeightDigests(memoDir).digest(weights)).isEqualTo(abc));
        Files.delete(memo);
        try (RandomAccessFile f = new RandomAccessFile(memo.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        assertTimeoutPreemptively(BOUND, () -> assertThat(new WeightDigests(memoDir).digest(weights)).isEqualTo(abc));
    }

    @Test
    void aMemoClaimingAnotherFilesHashIsNotBelieved() throws Exception {
        Path memoDir = root.resolve("weight-digests");
        Path a = Files.writeString(outside.resolve("a.safetensors"), "abc");
        Path b = Files.writeString(outside.resolve("b.safetensors"), "xyz");
        String hashA = new WeightDigests(memoDir).digest(a);
        String hashB = "sha256:" + Hashing.sha256(b); // computed apart from the memo
        new WeightDigests(memoDir).digest(b);
        // B's memo rewritten from A's: A's hash and A's sample under B's path and stamp
        Path memoA = memoDir.resolve(Hashing.sha256(a.toRealPath().toString()) + ".txt");
        Path memoB = memoDir.resolve(Hashing.sha256(b.toRealPath().toString()) + ".txt");
        String[] linesA = Files.readString(memoA).split("\n");
        String[] linesB = Files.readString(memoB).split("\n");
        Files.writeString(memoB, linesB[0] + "\n" + linesB[1] + "\n" + linesA[2] + "\n" + linesA[3] + "\n");
        assertThat(new WeightDigests(memoDir).digest(b)).isEqualTo(hashB).isNotEqualTo(hashA);
    }

    @Test
    void aFileRewrittenInPlaceWithItsTimeRestoredIsHashedAgain() throws Exception {
        Path memoDir = root.resolve("weight-digests");
        Path w = Files.writeString(outside.resolve("w.safetensors"), "abc");
        FileTime t = Files.getLastModifiedTime(w);
        String first = new WeightDigests(memoDir).digest(w);
        Thread.sleep(20);
        Files.write(w, "xyz".getBytes(StandardCharsets.UTF_8)); // same size
        Files.setLastModifiedTime(w, t);
        assertThat(new WeightDigests(memoDir).digest(w)).isEqualTo("sha256:" + Hashing.sha256(w)).isNotEqualTo(first);
    }
}
