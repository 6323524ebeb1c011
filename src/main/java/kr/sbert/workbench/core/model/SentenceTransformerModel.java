package kr.sbert.workbench.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.TokenizerLoader;
import kr.sbert.workbench.core.text.TokenizerSettings;

/**
 * A sentence-transformers BERT model loaded from its folder: tokenizer → BERT → pooling
 * (→ normalize), computing what {@code SentenceTransformer.encode} computes. Sentences are
 * sorted by length and padded per batch; results come back in input order. One forward pass
 * runs at a time per model; encoding from several threads is safe but serialised.
 */
public final class SentenceTransformerModel implements SentenceEmbedder {

    /**
     * How to load and run a model.
     *
     * @param maxSeqLength tokens fed to the model including {@code [CLS]}/{@code [SEP]}, as setting
     *                     sentence-transformers' {@code model.max_seq_length} does; 0 keeps the folder's
     */
    public record Options(int batchSize, boolean nfc, int maxSeqLength) {
        public static final Options DEFAULT = new Options(32, false);

        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (maxSeqLength != 0 && maxSeqLength < 2) {
                throw new IllegalArgumentException("max_seq_length " + maxSeqLength
                        + " leaves no room for [CLS] and [SEP]");
            }
        }

        /** The folder's own {@code max_seq_length}. */
        public Options(int batchSize, boolean nfc) {
            this(batchSize, nfc, 0);
        }
    }

    private final String name;
    private final ModelInfo info;
    private final TextTokenizer tokenizer;
    private final NDManager manager;
    private final BertEncoder encoder;
    private final Pooler pooler;
    private final int batchSize;

    private SentenceTransformerModel(String name, ModelInfo info, TextTokenizer tokenizer, NDManager manager,
                                     BertEncoder encoder, Pooler pooler, int batchSize) {
        this.name = name;
        this.info = info;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.encoder = encoder;
        this.pooler = pooler;
        this.batchSize = batchSize;
    }

    /** Loads a model folder with default options, named after the folder. */
    public static SentenceTransformerModel load(Path folder) throws WorkbenchException {
        return load(folder, folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(),
                Options.DEFAULT);
    }

    /**
     * Loads a model folder: configs, tokenizer, then the weights (safetensors preferred).
     *
     * @param name display name (the hub id, or the folder name)
     */
    public static SentenceTransformerModel load(Path folder, String name, Options options) throws WorkbenchException {
        ModelFolder layout = ModelFolder.read(folder);
        BertConfig config = layout.requireBertConfig();
        Path weightFile = WeightFiles.choose(layout.transformerDir());
        int maxSeqLength = options.maxSeqLength() == 0 ? layout.maxSeqLength() : options.maxSeqLength();
        if (maxSeqLength > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("max_seq_length " + maxSeqLength + " exceeds max_position_embeddings "
                    + config.maxPositionEmbeddings() + " of " + layout.transformerDir().resolve("config.json"));
        }
        TextTokenizer tokenizer = TokenizerLoader.load(layout.transformerDir(),
                new TokenizerSettings(maxSeqLength, layout.lowerCaseInput(), options.nfc()));
        NDManager manager = null;
        try {
            if (tokenizer.vocabSize() > config.vocabSize()) {
                throw new MalformedModelException(layout.transformerDir().resolve("config.json") + ": vocab_size "
                        + config.vocabSize() + " is smaller than the tokenizer's vocabulary (" + tokenizer.vocabSize() + ")");
            }
            if (tokenizer.maxTokenId() >= config.vocabSize()) {
                // checked at load: otherwise the first text holding that token fails while encoding
                throw new MalformedModelException(layout.transformerDir().resolve("config.json") + ": vocab_size "
                        + config.vocabSize() + " gives word embedding rows 0.." + (config.vocabSize() - 1L)
                        + " but the tokenizer has token id " + tokenizer.maxTokenId());
            }
            TorchRuntime.prepareInferenceThread();
            manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.engine().getEngineName());
            Map<String, RawTensor> tensors = readWeights(weightFile);
            BertWeights weights = BertWeights.create(tensors, config, manager, weightFile.toString());
            List<String> pooling = layout.pooling().modes().stream().map(PoolingMode::label).toList();
            ModelInfo info = new ModelInfo(folder, config.nameOrPath(), config.vocabSize(), config.layers(),
                    config.hiddenSize(), config.heads(), maxSeqLength, pooling, layout.normalize(),
                    folder.relativize(weightFile).toString(),
                    layout.pooling().outputDimension(config.hiddenSize()), layout.warnings());
            return new SentenceTransformerModel(name, info, tokenizer, manager, new BertEncoder(config, weights),
                    new Pooler(layout.pooling(), layout.normalize()), options.batchSize());
        } catch (WorkbenchException | RuntimeException e) {
            tokenizer.close();
            if (manager != null) {
                manager.close();
            }
            throw e;
        }
    }

    /**
     * The readers name the file alone ({@code model.safetensors: ...}); a user with several
     * models (or a hub snapshot) needs the folder too.
     */
    private static Map<String, RawTensor> readWeights(Path weightFile) throws MalformedModelException {
        try {
            return WeightFiles.read(weightFile);
        } catch (MalformedModelException e) {
            Path dir = weightFile.toAbsolutePath().getParent();
            String msg = e.getMessage();
            if (dir == null || msg == null || msg.startsWith(weightFile.toString())) {
                throw e;
            }
            Path parent = weightFile.getParent();
            throw new MalformedModelException((parent == null ? "" : parent + java.io.File.separator) + msg, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return info.dimension();
    }

    public ModelInfo info() {
        return info;
    }

    /** The model's tokenizer (owned by the model: do not close it). */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public float[][] encode(List<String> texts, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        // only the tokens max_seq_length keeps are read: a 20 MB line costs what its first words cost
        return encodeTokenized(tokenizer.modelInputIds(texts), progress, cancel);
    }

    /**
     * Encodes already tokenized inputs ({@code [CLS] … [SEP]} ids, at most
     * {@code max_seq_length} long), in input order.
     *
     * @throws IllegalArgumentException if an input is longer than {@code max_seq_length} or holds
     *                                  an id outside the vocabulary (torch would fail on it mid-batch)
     */
    public synchronized float[][] encodeTokenized(List<long[]> inputIds, ProgressListener progress, CancelToken cancel)
            throws CancelledException {
        int n = inputIds.size();
        for (int i = 0; i < n; i++) {
            checkIds(i, inputIds.get(i));
        }
        float[][] out = new float[n][];
        // Longest first, as sentence-transformers does, so each batch pads little.
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -inputIds.get(i).length))
                .mapToInt(Integer::intValue).toArray();
        TorchRuntime.prepareInferenceThread();
        progress.update("encoding", 0, n);
        for (int start = 0; start < n; start += batchSize) {
            cancel.throwIfCancelled();
            int end = Math.min(n, start + batchSize);
            int[] rows = java.util.Arrays.copyOfRange(order, start, end);
            float[][] pooled = runBatch(inputIds, rows);
            for (int r = 0; r < rows.length; r++) {
                out[rows[r]] = pooled[r];
            }
            progress.update("encoding", end, n);
        }
        return out;
    }

    private void checkIds(int index, long[] ids) {
        if (ids.length > info.maxSeqLength()) {
            throw new IllegalArgumentException("input " + index + " has " + ids.length
                    + " tokens, more than max_seq_length " + info.maxSeqLength());
        }
        for (long id : ids) {
            if (id < 0 || id >= info.vocabSize()) {
                throw new IllegalArgumentException("input " + index + " holds token id " + id
                        + ", outside the vocabulary of " + info.vocabSize());
            }
        }
    }

    private float[][] runBatch(List<long[]> inputIds, int[] rows) {
        int b = rows.length;
        int length = 0;
        for (int row : rows) {
            length = Math.max(length, inputIds.get(row).length);
        }
        long pad = tokenizer.padId();
        long[] ids = new long[b * length];
        float[] mask = new float[b * length];
        for (int r = 0; r < b; r++) {
            long[] seq = inputIds.get(rows[r]);
            for (int t = 0; t < length; t++) {
                boolean real = t < seq.length;
                ids[r * length + t] = real ? seq[t] : pad;
                mask[r * length + t] = real ? 1f : 0f;
            }
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray idArray = batch.create(ids, new Shape(b, length));
            NDArray maskArray = batch.create(mask, new Shape(b, length));
            NDArray hidden = encoder.forward(idArray, maskArray);
            float[] flat = pooler.pool(hidden, maskArray).toFloatArray();
            int dim = flat.length / b;
            float[][] result = new float[b][];
            for (int r = 0; r < b; r++) {
                result[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
            }
            return result;
        }
    }

    @Override
    public synchronized void close() {
        manager.close();
        tokenizer.close();
    }
}
