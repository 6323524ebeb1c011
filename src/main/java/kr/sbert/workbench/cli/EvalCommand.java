package kr.sbert.workbench.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.GoldField;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.SkippedRow;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsFormat;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.eval.EvaluationResult;
import kr.sbert.workbench.core.eval.Evaluator;
import kr.sbert.workbench.core.eval.Interval;
import kr.sbert.workbench.core.eval.PairEmbeddings;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.eval.PairedDifference;
import kr.sbert.workbench.core.eval.PredictionsCsv;
import kr.sbert.workbench.core.eval.SimilarityFunction;
import kr.sbert.workbench.core.eval.SliceEvaluator;
import kr.sbert.workbench.core.eval.SliceResult;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.core.cache.CachingEmbedder;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.task.CancelToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval}: scores an STS file with one or more models and compares them with the gold. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate models against the gold of an STS file (KorSTS TSV, KLUE-STS JSON, CSV, TSV, JSONL).",
            "Prints one row per model (Pearson/Spearman of cosine with 95%% bootstrap intervals, F1 at 3.0,"
                + " MSE after calibration) and, with several models, each model's paired difference to the first."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "M",
            description = "Model to evaluate (repeatable): baseline:char-ngram, baseline:jaccard, a model id or folder.")
    List<String> models;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "STS pairs file; a gold score is optional (pairs without one are only scored).")
    Path data;

    @Option(names = "--format", paramLabel = "F", converter = FormatConverter.class,
            description = "File layout: korsts, klue, csv, tsv, jsonl (default: detected).")
    StsFormat format;

    @Option(names = "--gold", paramLabel = "G", converter = GoldConverter.class, defaultValue = "label",
            description = "KLUE-STS gold field: label, real-label, binary-label (default: ${DEFAULT-VALUE}).")
    GoldField gold;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Option(names = "--out", paramLabel = "CSV",
            description = "Write per-pair predictions (UTF-8 CSV): sentence1, sentence2, gold, <model>_cosine, <model>_score.")
    Path out;

    @Option(names = "--skip-bad-rows", description = "Leave malformed rows out (each is listed on stderr) instead of stopping.")
    boolean skipBadRows;

    @Option(names = "--threads", paramLabel = "N", description = "Threads torch may use (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--nfc", description = "Normalise sentences to Unicode NFC before tokenizing.")
    boolean nfc;

    @Mixin
    InputChoices choices = new InputChoices();

    @Mixin
    CacheOption cache;

    private EmbeddingCache embeddingCache;

    @Option(names = "--by", paramLabel = "KEY",
            description = "Also report metrics per slice: gold (bands 0–1 … 4–5), length (token bands of the longer"
                    + " sentence), unk (pairs with/without [UNK]), or a column: genre, filename (KorSTS), source"
                    + " (KLUE-STS), any extra column of a CSV/TSV/JSONL file.")
    String by;

    /** Per model, its metrics per slice (with --by). */
    private final Map<String, List<SliceResult>> slices = new java.util.LinkedHashMap<>();
    private String[] sliceKeys;
    private String sliceTokenizer;

    @Override
    public Integer call() throws WorkbenchException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkNumbers();
        checkDistinctModels();
        checkModelsBeforeWork(err);
        if (by != null) {
            sliceTokenizer = EvalSlices.tokenizerModel(by, models);
        }
        if (out != null) {
            checkOutputFile(out, data);
        }
        StsDataset dataset = StsReader.read(data, new ReadOptions(format, gold, skipBadRows));
        reportDataset(dataset, err);
        boolean goldGiven = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--gold");
        if (goldGiven && dataset.format() != StsFormat.KLUE_JSON && dataset.format() != StsFormat.JSONL) {
            err.println("warning: --gold " + gold.jsonKey() + " applies to KLUE-STS labels only; the "
                    + dataset.format().cliName() + " file's own score column is the gold");
        }
        if (dataset.pairs().isEmpty()) {
            throw new InvalidInputException(data + ": no pairs to evaluate");
        }
        if (by != null) {
            sliceKeys = EvalSlices.fixedKeys(by, dataset);
        }
        Evaluator evaluator = Evaluator.standard();
        embeddingCache = cache.open();
        List<EvaluationResult> results = new ArrayList<>();
        for (String m : models) {
            results.add(evaluateOne(m, dataset, evaluator, err));
        }
        List<Comparison> comparisons = new ArrayList<>();
        if (dataset.goldCount() >= 2) {
            for (int i = 1; i < results.size(); i++) {
                comparisons.add(new Comparison(results.get(i).model(), results.get(0).model(), evaluator.compare(
                        dataset.pairs(), results.get(i).cosine(), results.get(0).cosine())));
            }
        }
        if (out != null) {
            writePredictions(out, dataset.pairs(), results);
            err.println("predictions: " + out);
        }
        if (json) {
            stdout.println(toJson(dataset, results, comparisons, by == null ? null : EvalSlices.toJson(by, slices), inputsOf));
        } else {
            printTable(dataset, results, comparisons, stdout);
            if (by != null) {
                EvalSlices.print(by, slices, stdout);
            }
        }
        stdout.flush();
        err.flush();
        return ExitCodes.OK;
    }

    private void checkNumbers() {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
    }

    // Two spellings of one model would be evaluated twice and give two identical --out columns.
    private void checkDistinctModels() {
        Map<String, String> seen = new HashMap<>();
        for (String m : models) {
            String earlier = seen.putIfAbsent(modelKey(m), m);
            if (earlier != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--model " + m
                        + (earlier.equals(m) ? " is named twice" : " names the same model as --model " + earlier));
            }
        }
    }

    /**
     * An unknown baseline or a missing model folder is reported before any model runs (not after
     * the first model has spent minutes encoding). Hub ids are resolved when their turn comes.
     */
    private void checkModelsBeforeWork(PrintWriter err) throws WorkbenchException {
        for (String m : models) {
            ModelRef ref = ModelRef.parse(m);
            if (ref.kind() == ModelRef.Kind.BASELINE) {
                ModelOpener.openScorer(m, err);
            } else if (ref.kind() == ModelRef.Kind.FOLDER) {
                ModelOpener.resolveFolder(m, err);
            }
        }
    }

    /** Baseline names ignore case; a folder is the same folder however its path is written. */
    static String modelKey(String spec) {
        String s = spec.strip();
        if (Baselines.isBaselineSpec(s)) {
            return s.toLowerCase(Locale.ROOT);
        }
        try {
            Path p = Path.of(s);
            return Files.isDirectory(p) ? p.toRealPath().toString() : s;
        } catch (InvalidPathException | IOException e) {
            return s;
        }
    }

    /** Refused before any work: a predictions file that cannot be written, or would overwrite the data. */
    static void checkOutputFile(Path file, Path dataFile) throws InvalidInputException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + ": is a directory; --out needs a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new InvalidInputException(file + ": no such directory " + parent);
        }
        try {
            if (Files.exists(file) && Files.exists(dataFile) && Files.isSameFile(file, dataFile)) {
                throw new InvalidInputException(file + ": is the --data file; writing predictions there would"
                        + " overwrite it (choose another --out)");
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot check (" + e.getMessage() + ")", e);
        }
    }

    private EvaluationResult evaluateOne(String modelSpec, StsDataset dataset, Evaluator evaluator, PrintWriter err)
            throws WorkbenchException {
        ModelOptions options = new ModelOptions();
        options.model = modelSpec;
        options.threads = threads;
        options.batchSize = batchSize;
        options.nfc = nfc;
        options.choices = choices;
        PairScorer scorer = ModelOpener.openScorer(options, embeddingCache, err);
        try {
            double[] cosine;
            PairEmbeddings embeddings = null;
            if (scorer instanceof EmbeddingPairScorer eps) {
                try (ProgressBar bar = new ProgressBar(err, "sentences")) {
                    embeddings = eps.embed(dataset.pairs(), bar, CancelToken.NONE);
                }
                if (eps.embedder() instanceof CachingEmbedder c) {
                    CacheOption.report(c, embeddingCache, err);
                    inputsOf.put(scorer.name(), inputs(c.identity().pooling(), c.identity().prompt()));
                } else if (eps.embedder() instanceof kr.sbert.workbench.core.model.SentenceTransformerModel m) {
                    inputsOf.put(scorer.name(), inputs(String.join("+", m.info().pooling()), m.info().prompt()));
                }
                cosine = embeddings.similarities(SimilarityFunction.COSINE);
            } else {
                try (ProgressBar bar = new ProgressBar(err, "pairs")) {
                    cosine = scorer.score(dataset.pairs(), bar, CancelToken.NONE);
                }
            }
            checkFinite(scorer.name(), cosine, dataset);
            if (by != null) {
                String[] keys = sliceKeys != null ? sliceKeys : EvalSlices.tokenKeys(by,
                        Baselines.isBaselineSpec(modelSpec) ? sliceTokenizer : modelSpec, nfc, dataset.pairs(), err);
                slices.put(scorer.name(), new SliceEvaluator(evaluator).evaluate(scorer.name(), dataset.pairs(),
                        dataset.goldScale(), keys, cosine, embeddings));
            }
            return evaluator.evaluate(scorer.name(), dataset.pairs(), dataset.goldScale(),
                    dataset.skipped().size(), cosine, embeddings);
        } finally {
            if (scorer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    err.println("warning: closing " + scorer.name() + ": " + e.getMessage());
                }
            }
        }
    }

    /** A NaN similarity (NaN in the embeddings) would make every metric meaningless: stop, naming the pair. */
    static void checkFinite(String model, double[] similarity, StsDataset dataset) throws MalformedModelException {
        for (int i = 0; i < similarity.length; i++) {
            if (!Double.isFinite(similarity[i])) {
                throw new MalformedModelException(model + ": similarity " + similarity[i] + " for the pair at "
                        + dataset.source() + ":" + dataset.pairs().get(i).line()
                        + " (the model's embeddings hold NaN or infinite values)");
            }
        }
    }

    static void reportDataset(StsDataset d, PrintWriter err) {
        err.printf(Locale.ROOT, "data: %s (%s, %s): %d pairs, %d with gold, %d skipped%n", d.source(),
                d.format().cliName(), d.encoding().label(), d.pairs().size(), d.goldCount(), d.skipped().size());
        for (SkippedRow s : d.skipped()) {
            err.println("skipped " + d.source() + ":" + s.line() + ": " + s.reason());
        }
        err.flush();
    }

    private static void printTable(StsDataset d, List<EvaluationResult> results, List<Comparison> comparisons,
                                   PrintWriter o) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "n", "pearson_cosine [95% CI]", "spearman_cosine [95% CI]",
            d.goldScale() == GoldScale.BINARY ? "F1" : "F1@3", "MSE(cal)"});
        for (EvaluationResult r : results) {
            rows.add(new String[] {r.model(), Integer.toString(r.n()),
                withInterval(r.metric("pearson_cosine"), r.intervals() == null ? null : r.intervals().pearson()),
                withInterval(r.metric("spearman_cosine"), r.intervals() == null ? null : r.intervals().spearman()),
                num(r.metric("f1")), num(r.metric("mse_calibrated"))});
        }
        // Columns as wide as their widest cell (a negative interval is wider than a positive one).
        int[] width = TextTable.widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean number = c == 1 || c >= 4;
                String cell = number ? " ".repeat(width[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(width[c] - row[c].length());
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            o.println(line.toString().stripTrailing());
        }
        if (results.stream().allMatch(r -> r.n() == 0)) {
            o.println("(no gold scores: nothing to measure; --out FILE saves every pair's similarity and 0–5 score)");
        } else if (d.goldCount() < 2) {
            o.println("(only one pair has gold: correlations need at least two)");
        }
        for (Comparison c : comparisons) {
            PairedDifference p = c.difference();
            o.printf(Locale.ROOT, "%s − %s: spearman %s, pearson %s%s%n", c.a(), c.b(),
                    withInterval(p.spearman(), p.spearmanInterval()), withInterval(p.pearson(), p.pearsonInterval()),
                    Double.isNaN(p.spearmanInterval().lower()) || p.spearmanInterval().excludesZero() ? ""
                            : " (interval includes 0: no clear winner)");
        }
    }

    private static String withInterval(double v, Interval i) {
        return i == null || !Double.isFinite(v) ? num(v) : num(v) + " [" + num(i.lower()) + ", " + num(i.upper()) + "]";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    static String toJson(StsDataset d, List<EvaluationResult> results, List<Comparison> comparisons) {
        return toJson(d, results, comparisons, null);
    }

    /** @param slices the {@code --by} section, or null */
    /** Per neural model, what its texts went through: pooling and prompt (recorded in {@code --json}). */
    private final Map<String, JsonObject> inputsOf = new java.util.LinkedHashMap<>();

    private static JsonObject inputs(String pooling, String prompt) {
        JsonObject o = new JsonObject();
        o.addProperty("pooling", pooling);
        o.addProperty("prompt", prompt);
        return o;
    }

    static String toJson(StsDataset d, List<EvaluationResult> results, List<Comparison> comparisons, JsonObject slices) {
        return toJson(d, results, comparisons, slices, Map.of());
    }

    static String toJson(StsDataset d, List<EvaluationResult> results, List<Comparison> comparisons, JsonObject slices,
                         Map<String, JsonObject> inputs) {
        JsonObject root = new JsonObject();
        JsonObject data = new JsonObject();
        data.addProperty("file", d.source().toString());
        data.addProperty("format", d.format().cliName());
        data.addProperty("encoding", d.encoding().label());
        data.addProperty("pairs", d.pairs().size());
        data.addProperty("with_gold", d.goldCount());
        JsonArray skipped = new JsonArray();
        for (SkippedRow s : d.skipped()) {
            JsonObject o = new JsonObject();
            o.addProperty("line", s.line());
            o.addProperty("reason", s.reason());
            skipped.add(o);
        }
        data.add("skipped", skipped);
        root.add("data", data);
        JsonArray models = new JsonArray();
        for (EvaluationResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("model", r.model());
            if (inputs.containsKey(r.model())) {
                o.add("inputs", inputs.get(r.model()));
            }
            o.addProperty("n", r.n());
            o.addProperty("skipped", r.skipped());
            JsonObject metrics = new JsonObject();
            // Always present (null when undefined, e.g. without gold), so readers need not test for them.
            metrics.add("pearson_cosine", number(r.metric("pearson_cosine")));
            metrics.add("spearman_cosine", number(r.metric("spearman_cosine")));
            for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                metrics.add(e.getKey(), number(e.getValue()));
            }
            o.add("metrics", metrics);
            JsonObject intervals = new JsonObject();
            if (r.intervals() != null) {
                intervals.add("pearson_cosine", interval(r.intervals().pearson()));
                intervals.add("spearman_cosine", interval(r.intervals().spearman()));
            }
            o.add("intervals", intervals);
            models.add(o);
        }
        root.add("models", models);
        JsonArray diffs = new JsonArray();
        for (Comparison c : comparisons) {
            JsonObject o = new JsonObject();
            o.addProperty("model", c.a());
            o.addProperty("minus", c.b());
            o.add("pearson_cosine", number(c.difference().pearson()));
            o.add("pearson_cosine_interval", interval(c.difference().pearsonInterval()));
            o.add("spearman_cosine", number(c.difference().spearman()));
            o.add("spearman_cosine_interval", interval(c.difference().spearmanInterval()));
            o.add("share_not_above", number(c.difference().spearmanShareNotAbove()));
            diffs.add(o);
        }
        root.add("differences", diffs);
        if (slices != null) {
            root.add("slices", slices);
        }
        // serializeNulls: undefined metrics are written as null, not left out.
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root);
    }

    // JSON has no NaN: undefined metrics are null.
    static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonArray interval(Interval i) {
        JsonArray a = new JsonArray();
        a.add(number(i.lower()));
        a.add(number(i.upper()));
        return a;
    }

    static void writePredictions(Path file, List<SentencePair> pairs, List<EvaluationResult> results)
            throws InvalidInputException {
        PredictionsCsv.write(file, pairs, results.stream().map(PredictionsCsv.Column::of).toList());
    }

    /** Model {@code a}'s paired difference to model {@code b}. */
    record Comparison(String a, String b, PairedDifference difference) {
    }

    /** {@code --format} values. */
    static final class FormatConverter implements CommandLine.ITypeConverter<StsFormat> {
        @Override
        public StsFormat convert(String value) {
            return StsFormat.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of korsts, klue, csv, tsv, jsonl"));
        }
    }

    /** {@code --gold} values. */
    static final class GoldConverter implements CommandLine.ITypeConverter<GoldField> {
        @Override
        public GoldField convert(String value) {
            return GoldField.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of label, real-label, binary-label"));
        }
    }
}
