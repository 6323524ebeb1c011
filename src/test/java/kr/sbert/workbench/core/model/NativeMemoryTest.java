package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory is freed per batch (issue 2 §4): encoding the same batch 100 times must not
 * grow the process. A leak check on resident memory, not a timing test.
 */
class NativeMemoryTest {
    private static final int BATCH = 32;
    private static final int MAX_LENGTH = 128;
    private static final int HIDDEN = 128;
    private static final int FFN = 512;
    private static final int HEADS = 2;

    @TempDir
    Path tmp;

    /**
     * A random BERT (128 hidden, 2 heads, 512 FFN, one layer, to keep it quick) on batches of
     * up to 32 × 128 tokens: every per-batch tensor is large — the hidden state is
     * 32·128·128·4 B = 2 MB, the FFN activation 8 MB, the attention scores 32·2·128·128·4 B =
     * 4 MB — so leaking even one of them per batch adds at least 2 MB × 90 = 180 MB between
     * the first and the last ten batches (leaking a batch's scope, the likely bug, far more).
     * Without a leak the process still creeps: Java heap pages touched for the first time until
     * a collection, allocator arenas, JIT code: measured 23–36 MB over five runs on this machine
     * (and about 80 KB a batch after batch 100, decelerating). 80 MB is over twice that creep and
     * under half the smallest leak; leaking the batch scope (tried by hand) grew it by 836 MB.
     */
    @Test
    void encodingOneHundredBatchesDoesNotGrowResidentMemory() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux /proc for VmRSS");
        Path folder = tmp.resolve("random");
        RandomBertModel.writeFolder(folder, BertConfig.of(2000, HIDDEN, 1, HEADS, FFN), MAX_LENGTH, null, 7);
        List<long[]> batch = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < BATCH; i++) {
            int length = i == 0 ? MAX_LENGTH : random.nextInt(MAX_LENGTH / 2, MAX_LENGTH + 1); // padding in play
            long[] ids = new long[length];
            ids[0] = 2;
            for (int t = 1; t < length - 1; t++) {
                ids[t] = random.nextInt(5, 2000);
            }
            ids[length - 1] = 3;
            batch.add(ids);
        }
        long peakEarly = 0;
        long peakLate = 0;
        float[][] first = null;
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder, "random",
                new SentenceTransformerModel.Options(BATCH, false))) {
            for (int i = 1; i <= 100; i++) {
                if (i == 6 || i == 96) {
                    System.gc(); // so Java heap garbage does not count as growth
                }
                float[][] out = model.encodeTokenized(batch, ProgressListener.NONE, CancelToken.NONE);
                if (i == 1) {
                    first = out;
                }
                // The allocator keeps or returns a batch's working set from one batch to the next,
                // so compare the highest reading of two windows rather than two single readings.
                if (i > 5 && i <= 10) {
                    peakEarly = Math.max(peakEarly, rssKb());
                } else if (i > 95) {
                    peakLate = Math.max(peakLate, rssKb());
                }
            }
            long growthMb = (peakLate - peakEarly) / 1024;
            System.out.printf("VmRSS over batches 6-10: %d MB, over batches 96-100: %d MB (growth %d MB)%n",
                    peakEarly / 1024, peakLate / 1024, growthMb);
            assertThat(growthMb).as("VmRSS growth from batches 6-10 to 96-100, MB").isLessThan(80);
            // Still computing the same thing at the end.
            assertThat(model.encodeTokenized(batch, ProgressListener.NONE, CancelToken.NONE)[5]).containsExactly(first[5]);
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
