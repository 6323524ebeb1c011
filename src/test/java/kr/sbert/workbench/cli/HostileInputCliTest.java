package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Hostile model folders and inputs through the real command line (issue 11): one {@code error:}
 * line naming the file, the documented exit code, no stack trace and no Java class name, in
 * bounded time (the FIFO and device cases would block or read for ever without the checks).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputCliTest {
    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void copyModel() {
        model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
    }

    static void assertOneCleanLine(Cli.Result r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.errLines()).as(r.err()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("java.").doesNotContain("\u001b");
            assertThat(line.length()).isLessThanOrEqualTo(kr.sbert.workbench.core.Limits.MESSAGE_MAX_CHARS);
            for (String f : fragments) {
                assertThat(line).contains(f);
            }
        });
    }

    Cli.Result embed() {
        return Cli.run("embed", "--model", model.toString(), "잠이 옵니다");
    }

    @Test
    void aPoolingConfigThatIsAFifoIsRefusedInsteadOfBlocking() throws Exception {
        Path config = model.resolve("1_Pooling/config.json");
        Files.delete(config);
        Process mkfifo = new ProcessBuilder("mkfifo", config.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, config.toString(), "not a regular file");
    }

    @Test
    void aPoolingConfigThatIsADeviceIsRefusedInsteadOfReadForEver() throws Exception {
        Path config = model.resolve("1_Pooling/config.json");
        Files.delete(config);
        Files.createSymbolicLink(config, Path.of("/dev/urandom"));
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, config.toString(), "not a regular file");
    }

    @Test
    void aModulePathThatIsASymlinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.move(model.resolve("1_Pooling/config.json"), outside.resolve("config.json"));
        Files.delete(model.resolve("1_Pooling"));
        Files.createSymbolicLink(model.resolve("1_Pooling"), outside);
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "modules.json", "leads outside the model folder");
    }

    @Test
    void typeVocabSizeZeroIsABadModelNamedAtLoad() throws Exception {
        edit(model.resolve("config.json"), o -> o.addProperty("type_vocab_size", 0));
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "config.json", "type_vocab_size must be at least 1");
    }

    @Test
    void aConfigNested100000DeepIsRefusedByDepth() throws Exception {
        Files.writeString(model.resolve("config.json"), "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "config.json", "nested more than 64 levels deep");
    }

    @Test
    void aHugeNegativeModelMaxLengthIsRefusedAtOnce() throws Exception {
        model.resolve("sentence_bert_config.json").toFile().delete();
        edit(model.resolve("tokenizer_config.json"), o -> o.add("model_max_length",
                JsonParser.parseString("-1e999999999")));
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "tokenizer_config.json", "model_max_length must be a positive");
    }

    @Test
    void junkInAPickleNumberIsABadModelNotABadOption() throws Exception {
        Files.delete(model.resolve("model.safetensors"));
        byte[] pkl = "\u0080\u0002Iabc\n.".getBytes(StandardCharsets.ISO_8859_1);
        kr.sbert.workbench.core.model.weights.TestCheckpoints.zip(model.resolve("pytorch_model.bin"), pkl);
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "pytorch_model.bin", "the pickle is corrupt");
    }

    /** The tiny model with a {@code tokenizer.json} (built from its vocab.txt) whose added_tokens are changed. */
    void withAddedTokens(java.util.function.Consumer<JsonArray> change) throws Exception {
        JsonObject json = JsonParser.parseString(TokenizerLoader.buildTokenizerJson(model)).getAsJsonObject();
        JsonArray added = json.getAsJsonArray("added_tokens");
        change.accept(added);
        Files.writeString(model.resolve("tokenizer.json"), json.toString());
    }

    @Test
    void anAddedTokenThatIsNotAnObjectIsNamed() throws Exception {
        withAddedTokens(a -> a.add(5));
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "tokenizer.json", "is 5, not an object");
    }

    @Test
    void anAddedTokenWithoutIdIsNamed() throws Exception {
        withAddedTokens(a -> a.get(0).getAsJsonObject().remove("id"));
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "tokenizer.json", "added_tokens[0] has no id");
    }

    @Test
    void tooManyAddedTokensAreRefusedBeforeTheNativeLoad() throws Exception {
        withAddedTokens(a -> {
            for (int i = 0; i <= 20_000; i++) {
                JsonObject t = new JsonObject();
                t.addProperty("id", 100 + i);
                t.addProperty("content", "[X" + i + "]");
                a.add(t);
            }
        });
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "tokenizer.json", "added_tokens (limit 20000)");
    }

    @Test
    void aTokenIdBeyondTheEmbeddingRowsIsRefusedAtLoad() throws Exception {
        withAddedTokens(a -> {
            JsonObject t = a.get(0).getAsJsonObject().deepCopy();
            t.addProperty("id", 99_999);
            t.addProperty("content", "[BIG]");
            a.add(t);
        });
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "config.json", "token id 99999");
    }

    @Test
    void aDeviceAsInputIsRefusedNotRead() {
        assertOneCleanLine(Cli.run("tokenize", "--model", model.toString(), "--input", "/dev/zero"),
                ExitCodes.BAD_INPUT, "/dev/zero", "not a regular file");
    }

    @Test
    void anInputOverTheBudgetIsRefusedBeforeItIsRead() throws Exception {
        Path big = tmp.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((64L << 20) + 1); // sparse: no disk, no memory
        }
        assertOneCleanLine(Cli.run("embed", "--model", model.toString(), "--input", big.toString()),
                ExitCodes.BAD_INPUT, big.toString(), "larger than the 64 MB a text file may have");
        Path data = tmp.resolve("big.tsv");
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
            f.setLength((64L << 20) + 1);
        }
        Cli.Result eval = Cli.run("eval", "--model", model.toString(), "--data", data.toString());
        assertThat(eval.code()).as(eval.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(eval.err()).contains(data.toString()).contains("64 MB");
    }

    @Test
    void terminalEscapesInAFileNameAreShownVisibly() {
        Path odd = tmp.resolve("texts\u001b[31m\u001b]0;pwned\u0007.txt");
        Cli.Result r = Cli.run("tokenize", "--model", model.toString(), "--input", odd.toString());
        assertOneCleanLine(r, ExitCodes.BAD_INPUT, "texts\\x1b[31m\\x1b]0;pwned\\x07.txt");
    }

    @Test
    void aMalformedJsonlLineIsNamedWithoutAClassName() throws Exception {
        Path in = Files.writeString(tmp.resolve("t.jsonl"), "{\"text\": \"a\"}\n{\"text\": " + "[".repeat(1000) + "\n");
        assertOneCleanLine(Cli.run("tokenize", "--model", model.toString(), "--input", in.toString()),
                ExitCodes.BAD_INPUT, in + ":2: ", "nested more than 64");
    }

    /** A long path in an error is cut so that the whole line, "error: " included, stays within the budget. */
    @Test
    void aLongPathKeepsTheErrorLineWithinItsBudget() throws Exception {
        Path deep = tmp;
        for (int i = 0; i < 60; i++) {
            deep = deep.resolve("folder-" + i);
        }
        Path odd = Files.createDirectories(deep);
        assertOneCleanLine(Cli.run("embed", "--model", odd.toString(), "잠이 옵니다"), ExitCodes.BAD_MODEL,
                "more characters)");
    }

    /** The post-processor's ids are checked against the embedding rows at load (was: exit 2 while encoding). */
    @Test
    void aPostProcessorIdOutsideTheEmbeddingRowsIsABadModel() throws Exception {
        JsonObject json = JsonParser.parseString(kr.sbert.workbench.core.text.TokenizerLoader.buildTokenizerJson(model))
                .getAsJsonObject();
        json.getAsJsonObject("post_processor").getAsJsonObject("special_tokens").getAsJsonObject("[SEP]")
                .add("ids", JsonParser.parseString("[99999]"));
        Files.writeString(model.resolve("tokenizer.json"), json.toString());
        assertOneCleanLine(embed(), ExitCodes.BAD_MODEL, "config.json: vocab_size", "tokenizer (tokenizer.json) has token id 99999");
    }

    /** A file of 100,001 empty lines costs what that many texts cost: refused past the budget. */
    @Test
    void aTextInputOfTooManyLinesIsRefused() throws Exception {
        Path lines = Files.writeString(tmp.resolve("newlines.txt"), "\r\n".repeat(kr.sbert.workbench.core.Limits.TEXTS_MAX + 1));
        assertOneCleanLine(Cli.run("tokenize", "--model", model.toString(), "--input", lines.toString()),
                ExitCodes.BAD_INPUT, lines + ": more than 100000 lines");
    }

    /** Progress bars redraw with \r and an escape: only on a terminal (stderr here is a pipe). */
    @Test
    void progressBarsDrawOnlyOnATerminal() {
        assertThat(Terminal.decide("always")).isTrue();
        assertThat(Terminal.decide("never")).isFalse();
        assertThat(Terminal.decide(null)).isFalse(); // surefire's stderr is not a terminal
        java.io.StringWriter sw = new java.io.StringWriter();
        try (ProgressBar bar = new ProgressBar(new java.io.PrintWriter(sw, true), "sentences", false)) {
            bar.update("encoding", 1, 2);
            bar.update("encoding", 2, 2);
        }
        assertThat(sw.toString()).isEmpty();
    }

    /** A terminal escape inside a text file is printed visibly by the plain outputs, never obeyed. */
    @Test
    void escapesInTextsAreShownNotObeyedInPlainOutput() throws Exception {
        Path in = Files.writeString(tmp.resolve("esc.txt"), "잠이\u001b]0;pwned\u0007 옵니다\n");
        for (String command : new String[] {"tokenize", "embed"}) {
            Cli.Result r = Cli.run(command, "--model", model.toString(), "--input", in.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("잠이\\x1b]0;pwned\\x07 옵니다");
        }
    }

    /**
     * Values of a file's column (eval --by), [UNK] words (vocab-stats) and texts in JSON: every
     * control character reaches stdout as a visible escape, in plain and JSON output alike (JSON
     * still parses to the file's text).
     */
    @Test
    void controlCharactersFromAFileAreVisibleOnStdoutOfEveryCommand() throws Exception {
        String evil = "a\u001b[2Jb\u0007c\u202ed\u009be";
        Path data = Files.writeString(tmp.resolve("esc.tsv"), "sentence1\tsentence2\tscore\tdomain\n"
                + "잠이 옵니다\t졸음이 옵니다\t4.0\t" + evil + "\n"
                + "비가 온다\t해가 뜬다\t1.0\t" + evil + "\n"
                + "밥을 먹었다\t식사를 했다\t4.5\tplain\n"
                + evil + " 문장\t" + evil + "\t0.5\tplain\n");
        Path bell = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("mo\u0007del"));
        List<Cli.Result> runs = List.of(
                Cli.run("eval", "--model", "baseline:jaccard", "--data", data.toString(), "--by", "domain"),
                Cli.run("eval", "--model", "baseline:jaccard", "--data", data.toString(), "--by", "domain", "--json"),
                Cli.run("vocab-stats", "--model", bell.toString(), "--data", data.toString()),
                Cli.run("vocab-stats", "--model", bell.toString(), "--data", data.toString(), "--json"),
                Cli.run("explain", "--model", model.toString(), "--pairs", data.toString()),
                Cli.run("explain", "--model", model.toString(), "--pairs", data.toString(), "--json"));
        for (Cli.Result r : runs) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                    .doesNotContain("\u009b");
        }
        assertThat(runs.get(0).out()).contains("a\\x1b[2Jb\\x07c\\u202ed\\u009be");
        String jsonSlice = JsonParser.parseString(runs.get(1).out()).getAsJsonObject().getAsJsonObject("slices")
                .getAsJsonArray("models").get(0).getAsJsonObject().getAsJsonArray("slices").asList().stream()
                .map(e -> e.getAsJsonObject().get("slice").getAsString()).filter(v -> !v.equals("plain"))
                .findFirst().orElseThrow();
        assertThat(jsonSlice).isEqualTo(evil);
        assertThat(runs.get(2).out()).startsWith(tmp.resolve("mo\\x07del") + ": ");
        assertThat(JsonParser.parseString(runs.get(3).out()).getAsJsonObject().getAsJsonArray("models").get(0)
                .getAsJsonObject().get("model").getAsString()).isEqualTo(bell.toString());
    }

    @Test
    void aFifoAsPairsFileIsCalledWhatItIs() throws Exception {
        Path fifo = tmp.resolve("pairs.tsv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertOneCleanLine(Cli.run("similarity", "--model", model.toString(), "--pairs", fifo.toString()),
                ExitCodes.BAD_INPUT, fifo + ": not a regular file");
    }

    /** A command that throws what no reader should let through: the edge still reports one line. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @CommandLine.Parameters
        String what;

        @Override
        public Integer call() {
            switch (what) {
                case "stack" -> throw new StackOverflowError();
                case "memory" -> throw new OutOfMemoryError("Java heap space");
                case "number" -> throw new NumberFormatException("For input string: \"abc\"");
                default -> throw new IllegalStateException("Not a JSON Object: [[[[…");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stack", "memory", "number", "state"})
    void anythingThrownIsOneLineWithTheInternalExitCode(String what) {
        CommandLine cl = WorkbenchCommand.newCommandLine();
        cl.addSubcommand("boom", new Boom());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.getSubcommands().get("boom").setOut(new java.io.PrintWriter(out, true));
        cl.getSubcommands().get("boom").setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute("boom", what);
        assertOneCleanLine(new Cli.Result(code, out.toString(), err.toString()), ExitCodes.INTERNAL,
                "internal error", "--verbose");
    }

    static void edit(Path file, java.util.function.Consumer<JsonObject> change) throws Exception {
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        change.accept(o);
        Files.writeString(file, o.toString());
    }

    /**
     * {@code embed} of one 20 MB line in a child JVM held to 256 MB of heap: the model reads the
     * 128 tokens it uses, not the whole line (which took 61 s and 5.5 GB).
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void embeddingOneTwentyMegabyteLineReadsOnlyWhatTheModelUses() throws Exception {
        String sentence = "기술 중심의 나스닥 주식시장 종합지수는 14.17포인트 오른 2,000.00을 기록했다. ";
        Path input = tmp.resolve("long.txt");
        byte[] one = sentence.getBytes(StandardCharsets.UTF_8);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(input))) {
            for (long n = 0; n < 20_000_000; n += one.length) {
                out.write(one);
            }
            out.write('\n');
        }
        Path npy = tmp.resolve("e.npy");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Dai.djl.offline=true",
                "-Djna.tmpdir=" + System.getProperty("jna.tmpdir", tmp.resolve("jna").toString()),
                "-cp", System.getProperty("java.class.path"), "kr.sbert.workbench.Main",
                "embed", "--model", model.toString(), "--input", input.toString(), "--out", npy.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            assertThat(p.waitFor(100, TimeUnit.SECONDS)).as("finished").isTrue();
            String log = Files.readString(tmp.resolve("child.log"));
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(log).doesNotContain("Exception").doesNotContain("OutOfMemory");
            assertThat(Files.size(npy)).isGreaterThan(0);
        } finally {
            p.destroyForcibly();
        }
    }
}
