package kr.sbert.workbench.gui.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.cache.CacheSettings;
import kr.sbert.workbench.core.cache.CachingEmbedder;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.SkippedRow;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.data.StsWriter;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.CorrelationIntervals;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.eval.EvaluationResult;
import kr.sbert.workbench.core.eval.Evaluator;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.hub.BundledTokenizers;
import kr.sbert.workbench.core.hub.CatalogEntry;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelCatalog;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.model.ModelTokenizer;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TorchRuntime;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.TextTokenizer;

/**
 * The window's backend over the real core: hub locator, model loader, readers, evaluator,
 * baselines. Every neural model it loads sits behind the embedding cache, so a sentence is
 * encoded once per model, whatever the window asks.
 */
public final class CoreBackend implements WorkbenchBackend {
    /** Where the sample pairs live: beside the working directory, or inside the jar. */
    public static final String SAMPLE = "sample-data/korean-sts-sample.tsv";

    private static boolean threadsSet;
    private final ModelLocator locator;
    private final EmbeddingCache cache;
    private final Evaluator evaluator = Evaluator.standard();
    private final List<CachingEmbedder> embedders = new CopyOnWriteArrayList<>();

    /**
     * Hub settings from the environment ({@code HF_HUB_CACHE}, {@code HF_ENDPOINT}, {@code HF_HUB_OFFLINE}, …),
     * the embedding cache at its default place ({@code KR_SBERT_WORKBENCH_CACHE}, …).
     */
    public CoreBackend() {
        this(new ModelLocator(HubSettings.fromSystem()));
    }

    public CoreBackend(ModelLocator locator) {
        this(locator, new EmbeddingCache(CacheSettings.fromSystem(
                warning -> System.err.println("warning: " + warning))));
    }

    public CoreBackend(ModelLocator locator, EmbeddingCache cache) {
        this.locator = locator;
        this.cache = cache;
    }

    /** The embedding cache every loaded model uses. */
    public EmbeddingCache cache() {
        return cache;
    }

    /** Sentences sent to an encoder by all the models this backend loaded (tests and diagnostics). */
    public long encodedSentences() {
        return embedders.stream().mapToLong(CachingEmbedder::encodedSentences).sum();
    }

    @Override
    public List<String> baselines() {
        return Baselines.names();
    }

    @Override
    public List<CatalogVariant> catalog() {
        List<CatalogVariant> out = new ArrayList<>();
        for (CatalogEntry e : ModelCatalog.entries()) {
            boolean cached = false;
            try {
                cached = locator.cached(ModelRef.ofHub(e.id(), ModelRef.DEFAULT_REVISION)).isPresent();
            } catch (InvalidInputException impossible) {
                // catalog ids are valid hub ids
            }
            String description = e.group() + " · " + e.kind() + ". " + e.baseModel() + ", vocab " + e.vocabSize()
                    + "; trained on " + e.trainingData() + "; " + e.weights() + "; max_seq_length " + e.maxSeqLength()
                    + ". " + e.goodFor();
            out.add(new CatalogVariant(e.id(), description, e.size(), cached, e.kind()));
        }
        return out;
    }

    @Override
    public LoadedModel load(String id, ProgressListener progress, CancelToken cancel) throws Exception {
        return load(id, ModelChoices.DEFAULT, progress, cancel);
    }

    @Override
    public LoadedModel load(String id, ModelChoices choices, ProgressListener progress, CancelToken cancel)
            throws Exception {
        ModelRef ref = ModelRef.parse(id);
        if (ref.kind() == ModelRef.Kind.BASELINE) {
            PairScorer scorer = Baselines.byName(id).orElseThrow(() -> new InvalidInputException(
                    "unknown baseline '" + id + "'; known: " + String.join(", ", Baselines.names())));
            return new Loaded(id, scorer, null, Optional.empty(), null);
        }
        Path folder = locator.locate(ref, progress, cancel);
        cancel.throwIfCancelled();
        progress.update("loading " + id, -1, -1);
        keepACoreForTheWindow();
        SentenceTransformerModel model = SentenceTransformerModel.load(folder, id,
                SentenceTransformerModel.Options.DEFAULT.with(choices.pooling(), choices.promptChoice()));
        if (cancel.isCancelled()) {
            model.close();
            cancel.throwIfCancelled();
        }
        Optional<String> revision = ref.kind() == ModelRef.Kind.HUB && folder.getParent() != null
                && folder.getParent().getFileName().toString().equals("snapshots")
                ? Optional.of(folder.getFileName().toString()) : Optional.empty();
        CachingEmbedder cached;
        try {
            cached = cache.wrap(model);
        } catch (IOException e) {
            model.close();
            throw new MalformedModelException(folder + ": cannot read the model's files to key the embedding cache ("
                    + e.getMessage() + ")", e);
        }
        embedders.add(cached);
        return new Loaded(id, new EmbeddingPairScorer(cached), model, revision, cached);
    }

    /**
     * Torch uses every core inside one operation by default; the window then competes with it
     * for CPU and stutters. Leave one core to the FX thread (only when there are several).
     */
    private static synchronized void keepACoreForTheWindow() {
        if (!threadsSet) {
            threadsSet = true;
            int cores = Runtime.getRuntime().availableProcessors();
            if (cores > 1) {
                TorchRuntime.setThreads(cores - 1);
            }
        }
    }

    @Override
    public PairFile readPairs(Path file) throws Exception {
        return readPairs(file, ReadOptions.defaults());
    }

    @Override
    public PairFile readPairs(Path file, ReadOptions options) throws Exception {
        kr.sbert.workbench.core.data.StsSource.Loaded loaded = StsReader.readWithSource(file, options);
        PairFile f = toPairFile(loaded.dataset(), file);
        return new PairFile(f.file(), f.pairs(), f.encoding(), f.format(), f.notes(), loaded.source());
    }

    private static PairFile toPairFile(StsDataset d, Path shownAs) {
        List<String> notes = new ArrayList<>();
        for (SkippedRow r : d.skipped()) {
            notes.add("skipped line " + r.line() + ": " + r.reason());
        }
        return new PairFile(shownAs, d.pairs(), d.encoding().label(), d.format().cliName(), notes);
    }

    @Override
    public void writePairs(Path file, List<SentencePair> pairs) throws Exception {
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        StsWriter.write(file, pairs, csv ? StsWriter.Layout.CSV : StsWriter.Layout.SIMPLE_TSV);
    }

    @Override
    public ModelEvaluation evaluate(String model, List<SentencePair> pairs, double[] cosine, CancelToken cancel) {
        EvaluationResult r = evaluator.evaluate(model, pairs, GoldScale.infer(pairs), 0, cosine, null);
        ModelEvaluation.Metrics metrics = null;
        if (r.n() >= 2) {
            CorrelationIntervals ci = r.intervals();
            metrics = new ModelEvaluation.Metrics(r.n(),
                    new ModelEvaluation.Interval(r.metric("pearson_cosine"), ci.pearson().lower(), ci.pearson().upper()),
                    new ModelEvaluation.Interval(r.metric("spearman_cosine"), ci.spearman().lower(), ci.spearman().upper()),
                    r.metric("f1"), r.metric("accuracy"), r.metric("mse_calibrated"), r.metric("mae_calibrated"));
        }
        return new ModelEvaluation(model, r.cosine(), r.score(), metrics);
    }

    @Override
    public PairedDifference compare(List<SentencePair> pairs, ModelEvaluation a, ModelEvaluation b, CancelToken cancel) {
        kr.sbert.workbench.core.eval.PairedDifference d = evaluator.compare(pairs, a.cosine(), b.cosine());
        return new PairedDifference(a.model(), b.model(), "spearman_cosine",
                new ModelEvaluation.Interval(d.spearman(), d.spearmanInterval().lower(), d.spearmanInterval().upper()));
    }

    @Override
    public PairFile samplePairs() throws Exception {
        Path local = Path.of(SAMPLE);
        if (Files.isRegularFile(local)) {
            // Shipped data, not the user's file: saved like typed rows (no layout to keep).
            PairFile f = readPairs(local.toAbsolutePath());
            return new PairFile(f.file(), f.pairs(), f.encoding(), f.format(), f.notes());
        }
        try (InputStream in = CoreBackend.class.getResourceAsStream("/" + SAMPLE)) {
            if (in == null) {
                throw new IOException("the sample data (" + SAMPLE + ") is missing from the jar");
            }
            Path tmp = Files.createTempFile("korean-sts-sample", ".tsv");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return toPairFile(StsReader.read(tmp, ReadOptions.defaults()), null);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public Optional<TokenizerOnly> loadTokenizer(String id, boolean mayDownload, ProgressListener progress,
                                                 CancelToken cancel) throws Exception {
        ModelRef ref = ModelRef.parse(id);
        Optional<Path> folder = mayDownload ? Optional.of(locator.locateTokenizer(ref, progress, cancel))
                : locator.localTokenizer(ref);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        cancel.throwIfCancelled();
        String source = BundledTokenizers.isBundled(folder.get()) ? "shipped with the workbench, MIT licence"
                : "tokenizer files in " + folder.get();
        return Optional.of(new TokenizerOnly(id, ModelTokenizer.load(folder.get(), false), source));
    }

    /** A loaded baseline or sentence-transformers model. */
    private record Loaded(String id, PairScorer scorer, SentenceTransformerModel model, Optional<String> revision,
                          CachingEmbedder cached) implements LoadedModel {

        @Override
        public long encodedSentences() {
            return cached == null ? 0 : cached.encodedSentences();
        }

        @Override
        public long cachedSentences() {
            return cached == null ? 0 : cached.cachedSentences();
        }

        @Override
        public Optional<TextTokenizer> tokenizer() {
            return model == null ? Optional.empty() : Optional.of(model.tokenizer());
        }

        @Override
        public Optional<ModelInfo> info() {
            return model == null ? Optional.empty() : Optional.of(model.info());
        }

        @Override
        public Optional<kr.sbert.workbench.core.explain.PairExplanation> explain(String sentence1, String sentence2,
                CancelToken cancel) throws kr.sbert.workbench.core.task.CancelledException {
            if (model == null) {
                return Optional.empty();
            }
            return Optional.of(kr.sbert.workbench.core.explain.PairExplainer.explain(model,
                    List.of(new SentencePair(sentence1, sentence2, null, 0)), cancel).get(0));
        }

        @Override
        public void close() {
            if (model != null) {
                model.close();
            }
        }
    }
}
