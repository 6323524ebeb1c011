package kr.sbert.workbench.gui.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;

/** The core as the window uses it. Every method may block: call it from a background task. */
public interface WorkbenchBackend {

    /** Built-in baselines, e.g. {@code baseline:char-ngram}; always available. */
    List<String> baselines();

    /** The catalog of known variants with their cache state. */
    List<CatalogVariant> catalog();

    /** Downloads (when needed, with progress) and loads a model: folder, hub id or baseline. */
    LoadedModel load(String id, ProgressListener progress, CancelToken cancel) throws Exception;

    /**
     * As {@link #load(String, ProgressListener, CancelToken)}, with the user's pooling and prompt
     * for the model (a backend that cannot honour them loads it as the folder says).
     */
    default LoadedModel load(String id, ModelChoices choices, ProgressListener progress, CancelToken cancel)
            throws Exception {
        return load(id, progress, cancel);
    }

    /** Reads a pairs file in any format and encoding the core readers accept. */
    PairFile readPairs(Path file) throws Exception;

    /** Reads a pairs file with options: the KLUE gold field, skipping bad rows (each listed in the notes). */
    PairFile readPairs(Path file, ReadOptions options) throws Exception;

    /** Writes pairs with their gold as TSV or CSV, chosen by the extension ({@code .csv} → CSV). */
    void writePairs(Path file, List<SentencePair> pairs) throws Exception;

    /**
     * Writes pairs in the layout of the file they were read from when {@code source} is given and
     * the name fits its format (every column kept, untouched rows as they were), else as
     * {@link #writePairs(Path, List)}. Atomic; a read-only file is never written.
     */
    default void writePairs(Path file, kr.sbert.workbench.core.data.StsSource source,
                            List<kr.sbert.workbench.core.data.StsRewriter.Row> rows) throws Exception {
        if (source != null && kr.sbert.workbench.core.data.StsRewriter.fits(source, file)) {
            kr.sbert.workbench.core.data.StsRewriter.write(file, source, rows);
        } else {
            writePairs(file, rows.stream().map(kr.sbert.workbench.core.data.StsRewriter.Row::pair).toList());
        }
    }

    /** Calibration and metrics for one model's cosines on these pairs. */
    ModelEvaluation evaluate(String model, List<SentencePair> pairs, double[] cosine, CancelToken cancel)
            throws Exception;

    /** Paired bootstrap of the Spearman difference between two evaluated models. */
    PairedDifference compare(List<SentencePair> pairs, ModelEvaluation a, ModelEvaluation b, CancelToken cancel)
            throws Exception;

    /** The sample pairs shipped with the workbench. */
    PairFile samplePairs() throws Exception;

    /**
     * A hub model's tokenizer without its weights: from the hub cache or the files shipped with
     * the workbench, or — when {@code mayDownload} and not offline — fetched alone (a few
     * hundred kB, into the same cache snapshot a later full download completes). Empty when
     * there is none without a download and {@code mayDownload} is false, or when this backend
     * cannot load tokenizers alone.
     */
    default Optional<TokenizerOnly> loadTokenizer(String id, boolean mayDownload, ProgressListener progress,
                                                           CancelToken cancel) throws Exception {
        return Optional.empty();
    }
}
