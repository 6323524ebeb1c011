package kr.sbert.workbench.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of the real tiny checkpoint: what reaches the encoder, and what comes back. */
class CachingEmbedderTest {
    @TempDir
    Path cacheDir;
    @TempDir
    Path models;

    private EmbeddingCache newCache() {
        return new EmbeddingCache(new CacheSettings(cacheDir, 1L << 30, 1L << 26));
    }

    private static List<String> texts() {
        return Fixtures.tinySentences().stream().limit(6).map(s -> s.get("text").getAsString()).toList();
    }

    private static float[] expected(int i) {
        JsonObject s = Fixtures.tinySentences().get(i);
        return Fixtures.floats(s.getAsJsonArray("embedding"));
    }

    @Test
    void onlyMissesReachTheEncoderAndResultsEqualSentenceTransformers() throws Exception {
        List<String> t = texts();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = newCache().wrap(model)) {
            float[][] first = cached.encode(List.of(t.get(0), t.get(1), t.get(0)));
            assertThat(cached.encodedSentences()).isEqualTo(2);
            assertThat(first[0]).containsExactly(expected(0), within(1e-5f));
            assertThat(first[1]).containsExactly(expected(1), within(1e-5f));
            assertThat(first[2]).containsExactly(first[0]);

            float[][] second = cached.encode(List.of(t.get(2), t.get(1)));
            assertThat(cached.encodedSentences()).isEqualTo(3);
            assertThat(cached.cachedSentences()).isEqualTo(1); // t1; the repeated t0 above was encoded once, not looked up
            assertThat(second[0]).containsExactly(expected(2), within(1e-5f));
            assertThat(second[1]).containsExactly(first[1]);
        }
    }

    @Test
    void aNewProcessTakesEverythingFromDisk() throws Exception {
        List<String> t = texts();
        float[][] before;
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = newCache().wrap(model)) {
            before = cached.encode(t);
            assertThat(cached.encodedSentences()).isEqualTo(t.size());
        }
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = newCache().wrap(model)) {
            float[][] again = cached.encode(t);
            assertThat(cached.encodedSentences()).isZero();
            for (int i = 0; i < t.size(); i++) {
                assertThat(again[i]).containsExactly(before[i]);
            }
        }
    }

    @Test
    void damagedOrTruncatedEntriesAreRecomputedNeverUsed() throws Exception {
        List<String> t = texts();
        EmbeddingCache cache = newCache();
        ModelIdentity id;
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = cache.wrap(model)) {
            cached.encode(t);
            id = cached.identity();
        }
        // One entry damaged in the middle of its segment (a float's byte flipped) ...
        DiskTier.Location flipped = cache.disk().locate(id.key(), t.get(1));
        try (RandomAccessFile f = new RandomAccessFile(flipped.segment().toFile(), "rw")) {
            long at = flipped.offset() + flipped.length() - 10;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        // ... and the segment cut short inside the last entry.
        DiskTier.Location last = cache.disk().locate(id.key(), t.get(t.size() - 1));
        try (RandomAccessFile f = new RandomAccessFile(last.segment().toFile(), "rw")) {
            f.setLength(last.offset() + last.length() - 7);
        }

        EmbeddingCache reopened = newCache();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = reopened.wrap(model)) {
            float[][] got = cached.encode(t);
            assertThat(cached.encodedSentences()).isEqualTo(2);
            assertThat(reopened.damagedEntries()).isEqualTo(2);
            assertThat(got[1]).containsExactly(expected(1), within(1e-5f));
            assertThat(got[t.size() - 1]).containsExactly(expected(t.size() - 1), within(1e-5f));
        }
        // Rewritten whole: a third process needs no encoding at all.
        try (SentenceTransformerModel model = SentenceTransformerModel.load(Fixtures.tinyModel());
             CachingEmbedder cached = newCache().wrap(model)) {
            cached.encode(t);
            assertThat(cached.encodedSentences()).isZero();
        }
    }

    @Test
    void aChangedWeightsFileIsANewModel() throws Exception {
        Path folder = Fixtures.copyModel(Fixtures.tinyModel(), models.resolve("tiny"), "pytorch_model.bin");
        List<String> t = texts().subList(0, 3);
        float[][] before;
        ModelIdentity oldId;
        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder);
             CachingEmbedder cached = newCache().wrap(model)) {
            before = cached.encode(t);
            oldId = cached.identity();
        }
        // Change one weight in place (same size): a byte of the embeddings' LayerNorm weight.
        Path weights = folder.resolve("model.safetensors");
        FileTime was = Files.getLastModifiedTime(weights);
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            long headerLength = Long.reverseBytes(f.readLong());
            byte[] header = new byte[(int) headerLength];
            f.readFully(header);
            JsonObject tensors = JsonParser.parseString(new String(header, StandardCharsets.UTF_8)).getAsJsonObject();
            String name = tensors.keySet().stream().filter(k -> k.endsWith("embeddings.LayerNorm.weight"))
                    .findFirst().orElseThrow();
            long at = 8 + headerLength + tensors.getAsJsonObject(name).getAsJsonArray("data_offsets").get(0).getAsLong();
            f.seek(at + 3); // the high byte of the first float: a clear change
            int b = f.read();
            f.seek(at + 3);
            f.write(b ^ 0x01);
        }
        // A later edit (file systems with coarse timestamps may not tick within the test).
        Files.setLastModifiedTime(weights, FileTime.fromMillis(was.toMillis() + 2000));

        try (SentenceTransformerModel model = SentenceTransformerModel.load(folder);
             CachingEmbedder cached = newCache().wrap(model)) {
            assertThat(cached.identity().weights()).isNotEqualTo(oldId.weights());
            assertThat(cached.identity().key()).isNotEqualTo(oldId.key());
            float[][] after = cached.encode(t);
            assertThat(cached.encodedSentences()).isEqualTo(t.size());
            assertThat(after[0]).isNotEqualTo(before[0]);
        }
    }

    @Test
    void nfcAndMaxSeqLengthArePartOfTheIdentity() throws Exception {
        EmbeddingCache cache = newCache();
        try (SentenceTransformerModel plain = SentenceTransformerModel.load(Fixtures.tinyModel());
             SentenceTransformerModel nfc = SentenceTransformerModel.load(Fixtures.tinyModel(), "tiny",
                     new SentenceTransformerModel.Options(32, true));
             SentenceTransformerModel shorter = SentenceTransformerModel.load(Fixtures.tinyModel(), "tiny",
                     new SentenceTransformerModel.Options(32, false, 8))) {
            String k = cache.wrap(plain).identity().key();
            assertThat(cache.wrap(nfc).identity().key()).isNotEqualTo(k);
            assertThat(cache.wrap(shorter).identity().key()).isNotEqualTo(k);
            assertThat(cache.wrap(plain).identity().key()).isEqualTo(k);
        }
    }
}
