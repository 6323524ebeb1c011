package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.RandomBertModel;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.SafetensorsReader;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} on a tiny random shape: the JSON it prints and the model folder it writes. */
class BenchCommandTest {
    private static final BertConfig SHAPE = BertConfig.of(200, 32, 2, 4, 64);
    private static final String[] SHAPE_ARGS = {"--vocab-size", "200", "--hidden", "32", "--layers", "2",
        "--heads", "4", "--ffn", "64", "--max-seq-length", "32", "--threads", "1"};

    @TempDir
    Path tmp;

    private Path input() throws Exception {
        List<String> texts = Fixtures.tinySentences().subList(0, 10).stream()
                .map(s -> s.get("text").getAsString()).toList();
        return Files.write(tmp.resolve("sentences.txt"), texts, StandardCharsets.UTF_8);
    }

    private static String[] args(String... more) {
        String[] all = new String[1 + SHAPE_ARGS.length + more.length];
        all[0] = "bench";
        System.arraycopy(SHAPE_ARGS, 0, all, 1, SHAPE_ARGS.length);
        System.arraycopy(more, 0, all, 1 + SHAPE_ARGS.length, more.length);
        return all;
    }

    /** XLM-R with a SentencePiece Unigram vocabulary (bge-m3's kind, tiny): written, loaded, measured. */
    @Test
    void writesAndMeasuresAnXlmRobertaModelWithAUnigramTokenizer() throws Exception {
        Path written = tmp.resolve("xlmr-model");
        Cli.Result r = Cli.run(args("--json", "--input", input().toString(), "--write-model", written.toString(),
                "--model-type", "xlm-roberta", "--tokenizer", "unigram"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.jsonLines().get(0).get("sentences").getAsInt()).isEqualTo(10);
        assertThat(written.resolve("tokenizer.json")).isRegularFile();
        assertThat(written.resolve("vocab.txt")).doesNotExist();
        try (SentenceTransformerModel m = SentenceTransformerModel.load(written)) {
            assertThat(m.info().family()).isEqualTo("XLM-R");
            assertThat(m.info().tokenizerKind()).isEqualTo("Unigram");
            // RoBERTa positions: 512 tokens need 514 rows
            assertThat(SafetensorsReader.read(written.resolve("model.safetensors"))
                    .get("embeddings.position_embeddings.weight").shape()).containsExactly(514, 32);
            // 200 ids: the 4 specials, then word-start syllables from 가 (U+AC00) on, <mask> last
            var e = m.tokenizer().encode("가 각");
            assertThat(e.pieces()).containsExactly("▁가", "▁각");
            assertThat(e.inputIds()).containsExactly(0, 4, 5, 2);
        }
        Cli.Result bad = Cli.run(args("--input", input().toString(), "--model-type", "electra"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--model-type must be bert, roberta or xlm-roberta");
    }

    /**
     * {@code --reference torchscript} times HF's graph beside the encoder and the two agree on the
     * embeddings; {@code --profile} lists the operators of both passes, whose times fit in the wall time.
     */
    @Test
    void referenceAndProfileReportBothPassesAndTheirAgreement() throws Exception {
        Cli.Result r = Cli.run(args("--json", "--input", input().toString(), "--batch-size", "3",
                "--reference", "torchscript", "--profile"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = r.jsonLines().get(0);
        JsonObject ref = o.getAsJsonObject("reference");
        assertThat(ref.get("kind").getAsString()).isEqualTo("torchscript");
        assertThat(ref.get("reference_sentences_per_s").getAsDouble()).isPositive();
        assertThat(ref.get("encoder_sentences_per_s").getAsDouble()).isPositive();
        // float32 noise between two computations of the same graph (fixture-level tolerance)
        assertThat(ref.get("max_abs_difference").getAsDouble()).isLessThan(1e-5);
        for (JsonObject profile : List.of(o.getAsJsonObject("profile"), ref.getAsJsonObject("profile"))) {
            double wall = profile.get("wall_ms").getAsDouble();
            double inside = profile.get("inside_ops_ms").getAsDouble();
            assertThat(inside).isPositive().isLessThanOrEqualTo(wall);
            assertThat(profile.getAsJsonArray("kernels").toString()).contains("aten::addmm");
        }
        // the encoder's linear layers are 2-D products with the bias inside (addmm), one per weight matrix
        assertThat(o.getAsJsonObject("profile").getAsJsonArray("operators").toString()).contains("aten::addmm");
        assertThat(o.getAsJsonObject("machine").getAsJsonObject("environment").get("OMP_WAIT_POLICY").getAsString())
                .isNotEmpty();

        Cli.Result text = Cli.run(args("--input", input().toString(), "--reference", "torchscript", "--profile"));
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("DJL + TorchScript of HF's graph", "ratio", "embeddings agree to",
                "where the time goes in the encoder", "where the time goes in the TorchScript reference", "kernels (self time)");
    }

    @Test
    void jsonReportsSpeedLoadAndMemoryAndTheWrittenModelIsTheSeededOne() throws Exception {
        Path input = input();
        Path written = tmp.resolve("bench-model");

        Cli.Result r = Cli.run(args("--json", "--input", input.toString(), "--write-model", written.toString()));

        assertThat(r.code()).as(r.err()).isZero();
        JsonObject o = r.jsonLines().get(0);
        assertThat(r.jsonLines()).hasSize(1);
        assertThat(o.get("sentences").getAsInt()).isEqualTo(10);
        for (String key : new String[] {"sentences_per_s", "tokens_per_s", "peak_rss_mb"}) {
            assertThat(o.get(key).getAsDouble()).as(key).isPositive();
        }
        assertThat(o.get("load_s").getAsDouble()).isNotNegative();
        assertThat(o.get("dimension").getAsInt()).isEqualTo(32);
        assertThat(o.get("max_seq_length").getAsInt()).isEqualTo(32);
        // Rates are counts over the same time, so their ratio is the mean tokens per sentence.
        double tokensPerSentence = o.get("tokens_per_s").getAsDouble() / o.get("sentences_per_s").getAsDouble();
        assertThat(tokensPerSentence).isCloseTo(o.get("tokens").getAsDouble() / 10, within(1e-6));

        // The folder holds exactly the weights the seed gives (bench's default seed is 42).
        Map<String, RawTensor> expected = RandomBertModel.weights(SHAPE, 42);
        Map<String, RawTensor> got = SafetensorsReader.read(written.resolve("model.safetensors"));
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (RawTensor t : expected.values()) {
            assertThat(got.get(t.name()).shape()).as(t.name()).containsExactly(t.shape());
            assertThat(bytes(got.get(t.name()).data())).as(t.name()).isEqualTo(bytes(t.data()));
        }

        // It loads as any model folder; a second folder written from the same shape and seed
        // (what bench built and measured) gives the very same embeddings, run after run.
        Path again = tmp.resolve("same-seed");
        RandomBertModel.writeFolder(again, SHAPE, 32, null, 42);
        String sentence = Fixtures.tinySentences().get(2).get("text").getAsString();
        try (SentenceTransformerModel fromBench = SentenceTransformerModel.load(written);
             SentenceTransformerModel reference = SentenceTransformerModel.load(again)) {
            assertThat(fromBench.info().maxSeqLength()).isEqualTo(32);
            float[] first = fromBench.encode(List.of(sentence))[0];
            assertThat(first).hasSize(32);
            assertThat(fromBench.encode(List.of(sentence))[0]).containsExactly(first);
            assertThat(reference.encode(List.of(sentence))[0]).containsExactly(first);
            long tokens = 0;
            for (String s : Files.readAllLines(input)) {
                tokens += fromBench.tokenizer().encode(s).inputIds().length;
            }
            assertThat(o.get("tokens").getAsLong()).isEqualTo(tokens);
        }
    }

    @Test
    void writeModelRefusesAFolderThatAlreadyHoldsFiles() throws Exception {
        Path input = input();
        Path existing = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("my-real-model"));
        byte[] before = Files.readAllBytes(existing.resolve("model.safetensors"));

        Cli.Result r = Cli.run(args("--json", "--input", input.toString(), "--write-model", existing.toString()));

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("error: ").contains(existing.toString()));
        assertThat(Files.readAllBytes(existing.resolve("model.safetensors"))).isEqualTo(before);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void maxSeqLengthAppliesToAGivenModelAndDefaultsToTheModelsOwn() throws Exception {
        Path input = input();
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("tiny"));

        Cli.Result own = Cli.run("bench", "--json", "--threads", "1", "--input", input.toString(), "--model", model.toString());
        Cli.Result cut = Cli.run("bench", "--json", "--threads", "1", "--input", input.toString(), "--model", model.toString(),
                "--max-seq-length", "8");

        assertThat(own.code()).as(own.err()).isZero();
        assertThat(cut.code()).as(cut.err()).isZero();
        long ownTokens = 0;
        long cutTokens = 0;
        int ownLimit;
        try (SentenceTransformerModel m = SentenceTransformerModel.load(model)) {
            ownLimit = m.info().maxSeqLength();
            for (String s : Files.readAllLines(input)) {
                int n = m.tokenizer().encode(s).inputIds().length;
                ownTokens += n;
                cutTokens += Math.min(n, 8);
            }
        }
        assertThat(own.jsonLines().get(0).get("max_seq_length").getAsInt()).isEqualTo(ownLimit);
        assertThat(own.jsonLines().get(0).get("tokens").getAsLong()).isEqualTo(ownTokens);
        assertThat(cut.jsonLines().get(0).get("max_seq_length").getAsInt()).isEqualTo(8);
        assertThat(cut.jsonLines().get(0).get("tokens").getAsLong()).isEqualTo(cutTokens).isLessThan(ownTokens);
    }

    @Test
    void impossibleShapeIsRefusedWithOneLineBeforeAnythingIsWritten() throws Exception {
        Path input = input();
        Path target = tmp.resolve("new-model");

        Cli.Result r = Cli.run("bench", "--input", input.toString(), "--hidden", "30", "--heads", "4",
                "--write-model", target.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .isEqualTo("error: --hidden 30 must be a multiple of --heads 4"));
        assertThat(target).doesNotExist();
    }

    @Test
    void missingVocabFileIsNamedAndLeavesNoHalfWrittenFolder() throws Exception {
        Path input = input();
        Path target = tmp.resolve("new-model");
        Path vocab = tmp.resolve("no-such-vocab.txt");

        Cli.Result r = Cli.run(args("--input", input.toString(), "--vocab-file", vocab.toString(),
                "--write-model", target.toString()));

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("error: ").contains(vocab.toString()).doesNotContain("Exception"));
        assertThat(target).doesNotExist();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        d.position(0);
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
