package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.model.ModelDescription;
import kr.sbert.workbench.core.model.ModelFolder;
import kr.sbert.workbench.core.model.ModelTokenizer;
import kr.sbert.workbench.core.model.PoolingMode;
import kr.sbert.workbench.core.model.PromptChoice;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TorchRuntime;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.text.TextTokenizer;

/** Turns a command's {@code --model} value into a loaded model or tokenizer. */
final class ModelOpener {

    private ModelOpener() {
    }

    /** The environment hub settings are read from; tests replace it (production: the process's). */
    static Map<String, String> hubEnvironment = System.getenv();

    /**
     * The model folder a {@code --model} value names: a folder as is, a hub id through the
     * huggingface_hub cache (downloaded with a progress bar on stderr when missing).
     */
    static Path resolveFolder(String spec, PrintWriter err) throws WorkbenchException {
        return resolveFolder(spec, false, err);
    }

    /**
     * As {@link #resolveFolder(String, PrintWriter)}; with {@code tokenizerOnly} a hub id needs
     * only its tokenizer files (cached, shipped with the workbench, or fetched without weights).
     */
    static Path resolveFolder(String spec, boolean tokenizerOnly, PrintWriter err) throws WorkbenchException {
        ModelRef ref = ModelRef.parse(spec);
        switch (ref.kind()) {
            case FOLDER -> {
                if (!Files.isDirectory(ref.folder())) {
                    throw new MalformedModelException(spec + ": no such model folder");
                }
                return ref.folder();
            }
            case BASELINE -> throw new InvalidInputException("--model " + spec
                    + ": a baseline has no model folder; this command needs a model");
            default -> {
                try (ProgressBar bar = new ProgressBar(err, "B")) {
                    ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(hubEnvironment));
                    return tokenizerOnly ? locator.locateTokenizer(ref, bar, new CancelToken())
                            : locator.locate(ref, bar, new CancelToken());
                }
            }
        }
    }

    /**
     * Refuses, before any work (no data read, no model loaded), a {@code --model} list a command
     * that needs tokens cannot run: a baseline (no tokenizer: invalid option, exit 2), a malformed
     * id, or a model folder that does not exist (exit 4). Hub ids are resolved when their turn comes.
     *
     * @param command the command's name, for the message
     */
    static void checkTokenModels(List<String> specs, String command) throws WorkbenchException {
        for (String spec : specs) {
            ModelRef ref = ModelRef.parse(spec);
            if (ref.kind() == ModelRef.Kind.BASELINE) {
                throw new IllegalArgumentException("--model " + spec + ": a baseline has no tokens; " + command
                        + " needs a model folder or hub id");
            }
            if (ref.kind() == ModelRef.Kind.FOLDER && !Files.isDirectory(ref.folder())) {
                throw new MalformedModelException(spec + ": no such model folder");
            }
        }
    }

    static SentenceTransformerModel openModel(ModelOptions options, PrintWriter err) throws WorkbenchException {
        return openModel(options.model, loadOptions(options), err);
    }

    static SentenceTransformerModel openModel(String spec, SentenceTransformerModel.Options options, PrintWriter err)
            throws WorkbenchException {
        Path folder = resolveFolder(spec, err);
        options = fitted(options, folder, spec, err);
        SentenceTransformerModel model = SentenceTransformerModel.load(folder, spec, options);
        warnAll(model.info().warnings(), err);
        return model;
    }

    /**
     * The model as an embedder: behind the embedding cache when one is given (only texts the
     * cache does not hold reach the model), else the model itself.
     */
    static SentenceEmbedder openEmbedder(ModelOptions options, EmbeddingCache cache, PrintWriter err)
            throws WorkbenchException {
        return open(options.model, loadOptions(options), cache, err);
    }

    /**
     * The model itself without a cache; with one, the model behind it, loaded only when a text the
     * cache lacks reaches it (a run the cache answers whole reads no weights).
     */
    private static SentenceEmbedder open(String spec, SentenceTransformerModel.Options options, EmbeddingCache cache,
                                         PrintWriter err) throws WorkbenchException {
        if (cache == null) {
            return openModel(spec, options, err);
        }
        Path folder = resolveFolder(spec, err);
        SentenceTransformerModel.Options fitted = fitted(options, folder, spec, err);
        ModelDescription description = SentenceTransformerModel.describe(folder, fitted);
        warnAll(description.info().warnings(), err);
        try {
            return cache.wrapLazily(spec, description, () -> SentenceTransformerModel.load(folder, spec, fitted));
        } catch (java.io.IOException e) {
            throw new MalformedModelException(folder + ": cannot read the model's files to key the"
                    + " embedding cache (" + UserText.quote(e.getMessage()) + ")", e);
        }
    }

    /**
     * Opens what a {@code --model} value names as a pair scorer: a {@code baseline:*} name,
     * or a neural model (cosine of its embeddings, each distinct sentence encoded once).
     */
    static PairScorer openScorer(String spec, PrintWriter err) throws WorkbenchException {
        return openScorer(spec, SentenceTransformerModel.Options.DEFAULT, err);
    }

    /** As {@link #openScorer(String, PrintWriter)}, honouring the command's model options. */
    static PairScorer openScorer(ModelOptions options, PrintWriter err) throws WorkbenchException {
        return openScorer(options, null, err);
    }

    /** As {@link #openScorer(ModelOptions, PrintWriter)}; a neural model sits behind {@code cache} when given. */
    static PairScorer openScorer(ModelOptions options, EmbeddingCache cache, PrintWriter err) throws WorkbenchException {
        return openScorer(options.model, loadOptions(options), cache, err);
    }

    private static PairScorer openScorer(String spec, SentenceTransformerModel.Options options, PrintWriter err)
            throws WorkbenchException {
        return openScorer(spec, options, null, err);
    }

    private static PairScorer openScorer(String spec, SentenceTransformerModel.Options options, EmbeddingCache cache,
                                         PrintWriter err) throws WorkbenchException {
        if (Baselines.isBaselineSpec(spec)) {
            return Baselines.byName(spec).orElseThrow(() -> new InvalidInputException(
                    "--model " + spec + ": unknown baseline (known: " + String.join(", ", Baselines.names()) + ")"));
        }
        return new EmbeddingPairScorer(open(spec, options, cache, err));
    }

    /** The options checked, torch's threads set if asked, and the load options they give. */
    private static SentenceTransformerModel.Options loadOptions(ModelOptions options) {
        options.check();
        if (options.threads != null) {
            TorchRuntime.setThreads(options.threads);
        }
        return new SentenceTransformerModel.Options(options.batchSize, options.nfc)
                .with(options.poolingChoice(), options.promptChoice());
    }

    /**
     * Only the tokenizer: works on a folder that holds nothing but tokenizer files; a hub id
     * never downloads weights for it.
     */
    static TextTokenizer openTokenizer(ModelOptions options, PrintWriter err) throws WorkbenchException {
        options.check();
        Path folder = resolveFolder(options.model, true, err);
        SentenceTransformerModel.Options fitted = fitted(new SentenceTransformerModel.Options(1, options.nfc)
                .with(options.poolingChoice(), options.promptChoice()), folder, options.model, err);
        ModelFolder layout = ModelFolder.read(folder, fitted.pooling());
        warnAll(layout.warnings(), err);
        return ModelTokenizer.load(layout, new kr.sbert.workbench.core.text.TokenizerSettings(layout.maxSeqLength(),
                layout.lowerCaseInput(), options.nfc, fitted.prompt().resolve(folder)));
    }

    /**
     * The choices that fit this model: a pooling for a folder whose modules.json sets its own, or a
     * prompt name the model does not offer, is left out for it with a warning (so one command line
     * can compare KoSimCSE with cls pooling beside models that set theirs).
     */
    private static SentenceTransformerModel.Options fitted(SentenceTransformerModel.Options options, Path folder,
                                                           String spec, PrintWriter err) throws WorkbenchException {
        PoolingMode pooling = options.pooling();
        PromptChoice prompt = options.prompt();
        if (pooling != null && ModelFolder.read(folder).hasModules()) {
            err.println("warning: " + spec + " sets its pooling in modules.json: --pooling " + pooling.label()
                    + " is for folders without one, and is not applied to it");
            pooling = null;
        }
        if (prompt.name() != null && !PromptChoice.offered(folder).containsKey(prompt.name())) {
            err.println("warning: " + spec + " offers no prompt named '" + UserText.quote(prompt.name())
                    + "': its texts get its default prompt, if any");
            prompt = PromptChoice.DEFAULT;
        }
        err.flush();
        return options.with(pooling, prompt);
    }

    /** Warns once per text that is not NFC, since the fast tokenizer does not normalise it. */
    static void warnIfNotNfc(List<String> texts, boolean nfc, PrintWriter err) {
        if (nfc) {
            return;
        }
        for (int i = 0; i < texts.size(); i++) {
            if (!Normalizer.isNormalized(texts.get(i), Normalizer.Form.NFC)) {
                err.println("warning: text " + (i + 1) + " is not in Unicode NFC (decomposed Hangul or"
                        + " compatibility characters); it is tokenized as is, like the fast tokenizer does."
                        + " Pass --nfc to normalise it first.");
            }
        }
        err.flush();
    }

    private static void warnAll(List<String> warnings, PrintWriter err) {
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        err.flush();
    }
}
