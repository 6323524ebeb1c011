package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Errors: one line on stderr naming what is wrong, a documented exit code, a stack trace only with --verbose. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tokenize", "embed", "similarity"})
    void missingModelFolderExitsFourWithOneLine(String command) {
        Path missing = tmp.resolve("no-such-model");
        Cli.Result r = Cli.run(command, "--model", missing.toString(), "잠이 옵니다", "졸음이 옵니다");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains(missing.toString()));
        assertThat(r.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenize", "embed"})
    void missingInputFileExitsThreeWithOneLine(String command) {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path missing = tmp.resolve("no-such-texts.jsonl");
        Cli.Result r = Cli.run(command, "--model", model.toString(), "--input", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains(missing.toString()));
    }

    @Test
    void missingPairsFileExitsThree() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path missing = tmp.resolve("no-such-pairs.csv");
        Cli.Result r = Cli.run("similarity", "--model", model.toString(), "--pairs", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains(missing.toString()));
    }

    @Test
    void verboseShowsTheStackTrace() {
        Path missing = tmp.resolve("no-such-model");
        Cli.Result quiet = Cli.run("embed", "--model", missing.toString(), "텍스트");
        Cli.Result verbose = Cli.run("embed", "--verbose", "--model", missing.toString(), "텍스트");
        Cli.Result verboseFirst = Cli.run("--verbose", "embed", "--model", missing.toString(), "텍스트");
        assertThat(quiet.err()).doesNotContain("\tat ");
        for (Cli.Result r : new Cli.Result[] {verbose, verboseFirst}) {
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_MODEL);
            assertThat(r.errLines().get(0)).isEqualTo(quiet.errLines().get(0));
            assertThat(r.err()).contains("MalformedModelException").contains("\tat kr.sbert.workbench.");
        }
    }

    @Test
    void malformedConfigIsExitFourNamingTheFile() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 32,");
        Cli.Result r = Cli.run("embed", "--model", model.toString(), "텍스트");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains(model.resolve("config.json").toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"similarity|one text", "tokenize|", "embed|--batch-size|0|x", "tokenize|--threads|0|x",
        "embed|--input|FILE|x"})
    void wrongArgumentsExitTwoWithOneLineAndNoExceptionName(String spec) throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path texts = Files.writeString(tmp.resolve("texts.txt"), "잠이 옵니다\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(spec.split("\\|", -1)));
        args.removeIf(String::isEmpty);
        args.replaceAll(a -> a.equals("FILE") ? texts.toString() : a);
        args.addAll(1, java.util.List.of("--model", model.toString()));

        Cli.Result r = Cli.run(args.toArray(String[]::new));

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").doesNotContain("Exception"));
        assertThat(r.out()).isEmpty();
    }

    /** picocli's own parse errors: one line naming the option and the command's --help, exit 2, no usage dump. */
    @ParameterizedTest
    @ValueSource(strings = {"train|--epochs|abc|--model|M|--train|F|--dev|F|--out|O=--epochs",
        "embed|--model|M|--threads|1|--threads|2|x=--threads",
        "eval|--model|M|--data|F|--no-such-option=--no-such-option",
        "explain|a|b=--model",
        "vocab-stats|--data|F=--model"})
    void picocliUsageErrorsAreOneErrorLine(String spec) throws Exception {
        Path texts = Files.writeString(tmp.resolve("pairs.tsv"), "sentence1\tsentence2\n가\t나\n");
        String[] parts = spec.split("=");
        String[] args = parts[0].split("\\|");
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (args[i]) {
                case "M" -> Fixtures.tinyModel().toString();
                case "F" -> texts.toString();
                case "O" -> tmp.resolve("run").toString();
                default -> args[i];
            };
        }
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: ").contains(parts[1]).contains(args[0] + " --help"));
        assertThat(r.out()).isEmpty();
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void truncatedWeightFileIsNamedWithItsFolder() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path weights = model.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(all, all.length / 2));

        Cli.Result r = Cli.run("embed", "--model", model.toString(), "텍스트");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: " + weights + ": "));
    }

    @Test
    void nonUtf8InputNamesTheFileAndTheFirstBadLine() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path input = tmp.resolve("mixed.txt");
        byte[] line1 = "잠이 옵니다\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] line2 = "졸음이 옵니다\n".getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        byte[] both = java.util.Arrays.copyOf(line1, line1.length + line2.length);
        System.arraycopy(line2, 0, both, line1.length, line2.length);
        Files.write(input, both);

        Cli.Result r = Cli.run("tokenize", "--model", model.toString(), "--input", input.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: " + input + ":2: not UTF-8 text"));
    }

    @Test
    void embedOutIntoAMissingFolderIsRefusedBeforeTheModelIsOpened() {
        Path out = tmp.resolve("no-such-folder").resolve("embeddings.npy");
        Path missingModel = tmp.resolve("no-such-model");

        Cli.Result r = Cli.run("embed", "--model", missingModel.toString(), "--out", out.toString(), "텍스트");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: " + out + ": cannot write"));
    }
}
