package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.eval.CharNgramTfidfScorer;
import kr.sbert.workbench.core.eval.Correlation;
import kr.sbert.workbench.core.eval.JaccardScorer;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
    private static final Path SAMPLE = Path.of("sample-data/korean-sts-sample.tsv");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = WorkbenchCommand.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static double[] gold(List<SentencePair> pairs) {
        return pairs.stream().mapToDouble(SentencePair::gold).toArray();
    }

    @Test
    void jsonHasPerModelMetricsEqualToAReferenceComputation() throws Exception {
        int code = run("eval", "--model", "baseline:char-ngram", "--model", "baseline:jaccard",
                "--data", SAMPLE.toString(), "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
        JsonArray models = root.getAsJsonArray("models");
        assertThat(models).hasSize(2);

        List<SentencePair> pairs = StsReader.read(SAMPLE, ReadOptions.defaults()).pairs();
        double[] ngram = new CharNgramTfidfScorer().score(pairs, ProgressListener.NONE, CancelToken.NONE);
        double[] jaccard = new JaccardScorer().score(pairs, ProgressListener.NONE, CancelToken.NONE);
        JsonObject first = models.get(0).getAsJsonObject();
        assertThat(first.get("model").getAsString()).isEqualTo("baseline:char-ngram");
        assertThat(first.get("n").getAsInt()).isEqualTo(pairs.size());
        assertThat(first.get("skipped").getAsInt()).isZero();
        JsonObject m = first.getAsJsonObject("metrics");
        assertThat(m.get("spearman_cosine").getAsDouble()).isCloseTo(Correlation.spearman(ngram, gold(pairs)), within(1e-12));
        assertThat(m.get("pearson_cosine").getAsDouble()).isCloseTo(Correlation.pearson(ngram, gold(pairs)), within(1e-12));
        JsonObject m2 = models.get(1).getAsJsonObject().getAsJsonObject("metrics");
        assertThat(m2.get("spearman_cosine").getAsDouble()).isCloseTo(Correlation.spearman(jaccard, gold(pairs)), within(1e-12));
        JsonObject diff = root.getAsJsonArray("differences").get(0).getAsJsonObject();
        assertThat(diff.get("model").getAsString()).isEqualTo("baseline:jaccard");
        assertThat(diff.get("spearman_cosine").getAsDouble()).isCloseTo(
                Correlation.spearman(jaccard, gold(pairs)) - Correlation.spearman(ngram, gold(pairs)), within(1e-12));
        assertThat(diff.getAsJsonArray("spearman_cosine_interval")).hasSize(2);
        assertThat(err.toString()).contains("data: " + SAMPLE + " (korsts, UTF-8): 69 pairs, 69 with gold, 0 skipped");
    }

    @Test
    void outWritesOneRowPerPairInInputOrderWithModelColumns() throws Exception {
        Path csv = tmp.resolve("pred.csv");
        int code = run("eval", "--model", "baseline:char-ngram", "--model", "baseline:jaccard",
                "--data", "sample-data/korean-sts-sample.csv", "--out", csv.toString());
        assertThat(code).as(err.toString()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(Files.readString(csv))).getRecords();
        assertThat(rows.get(0).toList()).containsExactly("sentence1", "sentence2", "gold",
                "baseline:char-ngram_cosine", "baseline:char-ngram_score", "baseline:jaccard_cosine", "baseline:jaccard_score");
        List<SentencePair> pairs = StsReader.read(SAMPLE, ReadOptions.defaults()).pairs();
        double[] jaccard = new JaccardScorer().score(pairs, ProgressListener.NONE, CancelToken.NONE);
        assertThat(rows).hasSize(pairs.size() + 1);
        for (int i = 0; i < pairs.size(); i++) {
            CSVRecord r = rows.get(i + 1);
            assertThat(r.get(0)).isEqualTo(pairs.get(i).sentence1());
            assertThat(r.get(1)).isEqualTo(pairs.get(i).sentence2());
            assertThat(Double.parseDouble(r.get(2))).isEqualTo(pairs.get(i).gold());
            assertThat(Double.parseDouble(r.get(5))).isEqualTo(jaccard[i]);
            assertThat(Double.parseDouble(r.get(4))).isBetween(0.0, 5.0);
        }
        // The table: one row per model and the paired difference.
        assertThat(out.toString()).contains("baseline:char-ngram", "baseline:jaccard − baseline:char-ngram: spearman");
    }

    @Test
    void brokenRowExitsWithBadInputNamingFileAndLine() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(SAMPLE));
        lines.set(10, lines.get(10).replaceFirst("\t[0-9]\\.[0-9]\t", "\tx\t"));
        Path f = tmp.resolve("broken.tsv");
        Files.write(f, lines);
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", f.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("error: " + f + ":11: score 'x' is not a number");
    }

    @Test
    void skipBadRowsEvaluatesTheRestAndListsTheSkippedLineOnStderr() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(SAMPLE));
        lines.set(10, lines.get(10).replaceFirst("\t[0-9]\\.[0-9]\t", "\tx\t"));
        Path f = tmp.resolve("broken.tsv");
        Files.write(f, lines);
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", f.toString(), "--skip-bad-rows", "--json")).isZero();
        assertThat(err.toString()).contains("68 pairs, 68 with gold, 1 skipped", "skipped " + f + ":11: score 'x' is not a number");
        JsonObject root = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(root.getAsJsonArray("models").get(0).getAsJsonObject().get("skipped").getAsInt()).isEqualTo(1);
        assertThat(root.getAsJsonObject("data").getAsJsonArray("skipped").get(0).getAsJsonObject().get("line").getAsInt())
                .isEqualTo(11);
    }

    @Test
    void unknownModelAndBadFormatAreRefused() {
        assertThat(run("eval", "--model", "baseline:bm25", "--data", SAMPLE.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("unknown baseline");
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--format", "xml"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'xml' is not one of korsts, klue, csv, tsv, jsonl");
    }

    @Test
    void pairsWithoutGoldAreScoredJsonKeepsTheCorrelationKeysAsNullAndOutStillWorks() throws Exception {
        Path f = tmp.resolve("nogold.csv");
        Files.writeString(f, "Text_A,Text_B\n비가 온다.,비가 내린다.\n고양이가 잔다.,주가가 올랐다.\n");
        Path csv = tmp.resolve("pred.csv");
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", f.toString(), "--json", "--out", csv.toString()))
                .as(err.toString()).isZero();
        JsonObject model = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("models")
                .get(0).getAsJsonObject();
        assertThat(model.get("n").getAsInt()).isZero();
        JsonObject metrics = model.getAsJsonObject("metrics");
        assertThat(metrics.has("pearson_cosine")).isTrue();
        assertThat(metrics.get("pearson_cosine").isJsonNull()).isTrue();
        assertThat(metrics.get("spearman_cosine").isJsonNull()).isTrue();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(Files.readString(csv))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(0)).isEqualTo("비가 온다.");
        assertThat(rows.get(1).get(2)).isEmpty();
        // Jaccard of {비가, 온다} and {비가, 내린다}: 1 common word of 3.
        assertThat(Double.parseDouble(rows.get(1).get(3))).isEqualTo(1.0 / 3);

        out.getBuffer().setLength(0);
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", f.toString())).isZero();
        assertThat(out.toString()).contains("no gold scores", "--out");
    }

    @Test
    void outThatIsTheDataFileIsRefusedBeforeAnyWorkAndTheDataIsKept() throws Exception {
        Path f = tmp.resolve("pairs.csv");
        String text = "s1,s2,score\n가 나,가 나,4\n가 나,다 라,1\n";
        Files.writeString(f, text);
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", f.toString(),
                "--out", tmp.resolve(".").resolve("pairs.csv").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("is the --data file");
        assertThat(Files.readString(f)).isEqualTo(text);
    }

    @Test
    void outInAMissingDirectoryOrOnADirectoryIsRefusedBeforeReadingTheData() {
        Path missing = tmp.resolve("no-such-dir").resolve("pred.csv");
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--out", missing.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("error: " + missing + ": no such directory").doesNotContain("data: ");
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--out", tmp.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("error: " + tmp + ": is a directory");
    }

    @Test
    void theSameModelSpelledTwiceIsAUsageError() {
        assertThat(run("eval", "--model", "baseline:jaccard", "--model", "BASELINE:Jaccard", "--data", SAMPLE.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--model BASELINE:Jaccard names the same model as --model baseline:jaccard")
                .doesNotContain("Exception");
        assertThat(EvalCommand.modelKey(tmp.toString())).isEqualTo(EvalCommand.modelKey(tmp.resolve(".") + "/"));
        Path link = tmp.resolveSibling(tmp.getFileName() + "-link");
        try {
            Files.createSymbolicLink(link, tmp);
            assertThat(EvalCommand.modelKey(link.toString())).isEqualTo(EvalCommand.modelKey(tmp.toString()));
        } catch (UnsupportedOperationException | java.io.IOException noLinks) {
            // a file system without symbolic links has nothing to check here
        } finally {
            try {
                Files.deleteIfExists(link);
            } catch (java.io.IOException ignored) {
                // best effort
            }
        }
    }

    @Test
    void tableColumnsStayAlignedWhenACorrelationIsNegative() throws Exception {
        // Jaccard 1, 1/3, 0, 1, 0 against gold 0.5, 2, 4.5, 1, 4: a negative correlation, whose
        // interval "-0.9… [-1.0000, -0.…]" is wider than a positive one.
        Path f = tmp.resolve("neg.csv");
        Files.writeString(f, "s1,s2,score\n가 나,가 나,0.5\n가 나,가 다,2\n가 나,라 마,4.5\n다 라,다 라,1\n다 라,마 바,4\n");
        assertThat(run("eval", "--model", "baseline:jaccard", "--model", "baseline:char-ngram", "--data", f.toString()))
                .as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        int spearmanColumn = lines.get(0).indexOf("spearman_cosine");
        for (String row : lines.subList(1, 3)) {
            int afterPearson = row.indexOf(']') + 1;
            int spearmanCell = afterPearson + (row.substring(afterPearson).length() - row.substring(afterPearson).stripLeading().length());
            assertThat(spearmanCell).as(out.toString()).isEqualTo(spearmanColumn);
        }
        assertThat(lines.get(1)).contains("-0.");
    }

    @Test
    void outScoresReproduceTheReportedCalibratedErrorsAndF1() throws Exception {
        Path csv = tmp.resolve("pred.csv");
        assertThat(run("eval", "--model", "baseline:char-ngram", "--data", SAMPLE.toString(), "--json",
                "--out", csv.toString())).as(err.toString()).isZero();
        JsonObject m = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("models").get(0)
                .getAsJsonObject().getAsJsonObject("metrics");
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(Files.readString(csv))).getRecords();
        double se = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (CSVRecord r : rows.subList(1, rows.size())) {
            double gold = Double.parseDouble(r.get(2));
            double score = Double.parseDouble(r.get(4));
            se += (score - gold) * (score - gold);
            tp += score >= 3 && gold >= 3 ? 1 : 0;
            fp += score >= 3 && gold < 3 ? 1 : 0;
            fn += score < 3 && gold >= 3 ? 1 : 0;
        }
        assertThat(se / (rows.size() - 1)).isCloseTo(m.get("mse_calibrated").getAsDouble(), within(1e-12));
        assertThat(2.0 * tp / (2 * tp + fp + fn)).isCloseTo(m.get("f1").getAsDouble(), within(1e-12));
    }

    @Test
    void aNanSimilarityStopsWithTheModelAndThePairsLine() throws Exception {
        kr.sbert.workbench.core.data.StsDataset d = StsReader.read(SAMPLE, ReadOptions.defaults());
        double[] sim = new double[d.pairs().size()];
        sim[4] = Double.NaN;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EvalCommand.checkFinite("m", sim, d))
                .isInstanceOf(kr.sbert.workbench.core.model.MalformedModelException.class)
                .hasMessageStartingWith("m: similarity NaN for the pair at " + SAMPLE + ":6 ");
        sim[4] = 0.5;
        EvalCommand.checkFinite("m", sim, d);
    }

    @Test
    void goldFieldOnAFileWithoutKlueLabelsIsWarnedAbout() {
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--gold", "real-label")).isZero();
        assertThat(err.toString()).contains("warning: --gold real-label applies to KLUE-STS labels only");
        err.getBuffer().setLength(0);
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString())).isZero();
        assertThat(err.toString()).doesNotContain("warning");
    }

    @Test
    void anUnusableSecondModelIsReportedBeforeTheFirstOneRuns() {
        Path missing = tmp.resolve("no-model");
        assertThat(run("eval", "--model", "baseline:char-ngram", "--model", missing.toString(), "--data", SAMPLE.toString()))
                .isEqualTo(ExitCodes.BAD_MODEL);
        assertThat(err.toString()).contains(missing + ": no such model folder").doesNotContain("data: ");
        assertThat(run("eval", "--model", "baseline:char-ngram", "--model", "baseline:bm25", "--data", SAMPLE.toString()))
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("unknown baseline");
    }

    @Test
    void nonPositiveBatchSizeOrThreadsIsAUsageErrorBeforeReadingTheData() {
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--batch-size", "0"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--batch-size must be at least 1, got 0").doesNotContain("data: ", "Exception");
        assertThat(run("eval", "--model", "baseline:jaccard", "--data", SAMPLE.toString(), "--threads", "-1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--threads must be at least 1, got -1");
    }
}
