package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.core.cache.CacheSettings;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache} of eval, embed and similarity (a second run encodes nothing and prints the
 * same numbers), {@code eval -m}, and {@code bench --vocab-file}'s vocabulary size.
 */
class CacheFlagTest {
    private static final Path SAMPLE = Path.of("sample-data/korean-sts-sample.tsv");
    @TempDir
    Path cacheDir;
    @TempDir
    Path tmp;
    private String previous;
    private final String tiny = Fixtures.tinyModel().toString();

    @BeforeEach
    void useATemporaryCache() {
        previous = System.getProperty(CacheSettings.DIR_PROPERTY);
        System.setProperty(CacheSettings.DIR_PROPERTY, cacheDir.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(CacheSettings.DIR_PROPERTY);
        } else {
            System.setProperty(CacheSettings.DIR_PROPERTY, previous);
        }
    }

    private static int distinctSentences(Path file) throws Exception {
        Set<String> s = new LinkedHashSet<>();
        for (SentencePair p : StsReader.read(file, ReadOptions.defaults()).pairs()) {
            s.add(p.sentence1());
            s.add(p.sentence2());
        }
        return s.size();
    }

    @Test
    void evalWithDashMAndCacheEncodesEachSentenceOnceAcrossRuns() throws Exception {
        int distinct = distinctSentences(SAMPLE);
        Cli.Result plain = Cli.run("eval", "-m", tiny, "--data", SAMPLE.toString(), "--json");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.err()).doesNotContain("cache:");

        Cli.Result first = Cli.run("eval", "-m", tiny, "--data", SAMPLE.toString(), "--json", "--cache");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).contains("cache: " + tiny + ": " + distinct + " sentences encoded, 0 from the cache ("
                + cacheDir + ")");
        Cli.Result second = Cli.run("eval", "-m", tiny, "--data", SAMPLE.toString(), "--json", "--cache");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains("cache: " + tiny + ": 0 sentences encoded, " + distinct + " from the cache");
        assertThat(second.out()).isEqualTo(first.out()).isEqualTo(plain.out());
        // everything came from the cache: the weights were never read
        assertThat(first.err()).doesNotContain("the model was not loaded");
        assertThat(second.err()).contains("; the model was not loaded");
    }

    /** A model loaded late (the cache missed) that cannot load fails as at once: one line, exit 4. */
    @Test
    void aModelThatFailsWhenTheCacheMissesIsStillABadModel() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"), "pytorch_model.bin");
        Cli.Result first = Cli.run("embed", "--model", model.toString(), "--cache", "잠이 옵니다");
        assertThat(first.code()).as(first.err()).isZero();
        byte[] junk = new byte[64];
        java.util.Arrays.fill(junk, (byte) 7);
        Files.write(model.resolve("model.safetensors"), junk); // other bytes: another identity, a miss
        Cli.Result second = Cli.run("embed", "--model", model.toString(), "--cache", "잠이 옵니다");
        assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(second.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains("model.safetensors").doesNotContain("Exception"));
    }

    /**
     * The cases through the command line: after a filled cache gets a FIFO segment and its
     * weight-digest memo becomes a link to /dev/zero, the same run answers at once from the cache
     * with the same numbers (it hung, or ran out of memory, before).
     */
    @Test
    void aFifoSegmentAndADevZeroMemoAreSkippedAndTheNumbersStay() throws Exception {
        String model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model")).toString();
        String[] args = {"embed", "-m", model, "--data", SAMPLE.toString(), "--json", "--cache"};
        Cli.Result first = Cli.run(args);
        assertThat(first.code()).as(first.err()).isZero();
        List<Path> modelDirs;
        try (var s = Files.list(cacheDir.resolve("embeddings-v2"))) {
            modelDirs = s.toList();
        }
        assertThat(modelDirs).hasSize(1);
        assertThat(new ProcessBuilder("mkfifo", modelDirs.get(0).resolve("fffffffffffff-0000000000000000.seg").toString())
                .start().waitFor()).isZero();
        List<Path> memos;
        try (var s = Files.list(cacheDir.resolve("weight-digests"))) {
            memos = s.toList();
        }
        assertThat(memos).isNotEmpty();
        for (Path memo : memos) {
            Files.delete(memo);
            Files.createSymbolicLink(memo, Path.of("/dev/zero"));
        }
        Cli.Result second = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Cli.run(args));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.err()).contains(": 0 sentences encoded, " + distinctSentences(SAMPLE) + " from the cache");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void embedAndSimilarityShareTheCache() throws Exception {
        JsonObject s0 = Fixtures.tinySentences().get(0);
        JsonObject s1 = Fixtures.tinySentences().get(1);
        String a = s0.get("text").getAsString();
        String b = s1.get("text").getAsString();
        Cli.Result embed = Cli.run("embed", "-m", tiny, "--cache", "--json", a, b);
        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.err()).contains(": 2 sentences encoded, 0 from the cache");
        float[] got = Fixtures.floats(embed.jsonLines().get(0).getAsJsonArray("embedding"));
        assertThat(got).containsExactly(Fixtures.floats(s0.getAsJsonArray("embedding")), within(1e-5f));

        Cli.Result sim = Cli.run("similarity", "-m", tiny, "--cache", a, b);
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(sim.err()).contains(": 0 sentences encoded, 2 from the cache");
        Cli.Result uncached = Cli.run("similarity", "-m", tiny, a, b);
        assertThat(sim.out()).isEqualTo(uncached.out());

        Cli.Result again = Cli.run("embed", "-m", tiny, "--cache", "--json", a, b);
        assertThat(again.err()).contains(": 0 sentences encoded, 2 from the cache");
        assertThat(again.out()).isEqualTo(embed.out());
    }

    @Test
    void benchHasNoCacheFlag() throws Exception {
        Path input = Files.writeString(tmp.resolve("s.txt"), "문장\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("bench", "--cache", "--input", input.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--cache");
    }

    @Test
    void benchRecordsTheVocabularyFilesRealSize() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.tinyModel().resolve("vocab.txt"), StandardCharsets.UTF_8);
        Path vocab = Files.write(tmp.resolve("vocab.txt"), lines.subList(0, 2000), StandardCharsets.UTF_8);
        Path input = Files.writeString(tmp.resolve("s.txt"), "안전모를 쓴 남자\n", StandardCharsets.UTF_8);
        Path written = tmp.resolve("m");
        Cli.Result r = Cli.run("bench", "--hidden", "32", "--layers", "1", "--heads", "4", "--ffn", "64",
                "--threads", "1", "--input", input.toString(), "--vocab-file", vocab.toString(),
                "--write-model", written.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject config = Fixtures.readJson(written.resolve("config.json")).getAsJsonObject();
        assertThat(config.get("vocab_size").getAsInt()).isEqualTo(2000);
    }
}
