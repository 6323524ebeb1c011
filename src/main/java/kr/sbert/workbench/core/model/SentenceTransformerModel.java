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
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.WeightFiles;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
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
     * @param pooling      the pooling for a folder without {@code modules.json} (null: mean, as
     *                     sentence-transformers reads such a folder)
     * @param prompt       the prefix put before every text (default: the folder's default prompt, if any)
     */
    public record Options(int batchSize, boolean nfc, int maxSeqLength, PoolingMode pooling, PromptChoice prompt) {
        public static final Options DEFAULT = new Options(32, false);

        public Options {
            prompt = prompt == null ? PromptChoice.DEFAULT : prompt;
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

        /** The folder's own pooling and default prompt. */
        public Options(int batchSize, boolean nfc, int maxSeqLength) {
            this(batchSize, nfc, maxSeqLength, null, PromptChoice.DEFAULT);
        }

        /** The same options with another pooling choice and prompt. */
        public Options with(PoolingMode pooling, PromptChoice prompt) {
            return new Options(batchSize, nfc, maxSeqLength, pooling, prompt);
        }
    }

    private final String name;
    private final ModelInfo info;
    private final TextTokenizer tokenizer;
    private final NDManager manager;
    /**
     * Real tokens a forward pass may gather from several batches (attention groups); a batch
     * holding more on its own still runs alone. System property
     * {@code kr.sbert.workbench.tokensPerPass} overrides it (0: every batch alone), for benchmarks.
     */
    public static final int TOKENS_PER_PASS = Integer.getInteger("kr.sbert.workbench.tokensPerPass", 2048);

    private final BertEncoder encoder;
    private final Pooler pooler;
    private final int batchSize;
    private TokenizerSettings tokenizerSettings;
    /** What training needs beyond inference; null for a model loaded for inference only. */
    private final TrainingParts trainingParts;

    /** The parts of a model loaded for training (owned weights, the tensors training leaves alone). */
    record TrainingParts(ModelFolder layout, BertConfig config, BertWeights weights,
                         Map<String, RawTensor> untouched) {
    }

    private SentenceTransformerModel(String name, ModelInfo info, TextTokenizer tokenizer, NDManager manager,
                                     BertEncoder encoder, Pooler pooler, int batchSize, TrainingParts trainingParts) {
        this.trainingParts = trainingParts;
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
        return load(folder, name, options, false);
    }

    /**
     * As {@link #load(Path, String, Options)}; {@code trainable} copies the weights into memory
     * torch owns (so they can be updated in place) and keeps the tensors training leaves alone.
     */
    /** The file the tokenizer was read from, for messages: tokenizer.json when there is one, else vocab.txt. */
    private static String tokenizerFile(Path transformerDir) {
        return java.nio.file.Files.isRegularFile(transformerDir.resolve("tokenizer.json")) ? "tokenizer.json" : "vocab.txt";
    }

    /**
     * What {@link #load(Path, String, Options)} would load, read from the folder's small files
     * alone (no tokenizer, no weights): enough to key the embedding cache before deciding whether
     * the model is needed at all.
     */
    public static ModelDescription describe(Path folder, Options options) throws WorkbenchException {
        return Plan.of(folder, options).description();
    }

    /** The folder's layout and config, as load reads them, and what follows from them. */
    private record Plan(ModelFolder layout, BertConfig config, Path weightFile, int maxSeqLength,
                        ModelDescription description) {
        static Plan of(Path folder, Options options) throws WorkbenchException {
            ModelFolder layout = ModelFolder.read(folder, options.pooling());
            BertConfig config = layout.requireBertConfig();
            Path weightFile = WeightFiles.choose(layout.transformerDir());
            int maxSeqLength = options.maxSeqLength() == 0 ? layout.maxSeqLength() : options.maxSeqLength();
            if (maxSeqLength > config.maxTokens()) {
                throw new IllegalArgumentException("max_seq_length " + maxSeqLength + " exceeds the " + config.maxTokens()
                        + " tokens max_position_embeddings " + config.maxPositionEmbeddings() + " of "
                        + layout.transformerDir().resolve("config.json") + " holds");
            }
            List<String> pooling = layout.pooling().modes().stream().map(PoolingMode::label).toList();
            List<String> headFiles = new java.util.ArrayList<>();
            for (DenseConfig d : layout.dense()) {
                headFiles.add(folder.relativize(DenseLayer.weightFile(d)).toString());
            }
            String prompt = options.prompt().resolve(folder);
            if (!prompt.isEmpty() && !layout.pooling().includePrompt()) {
                // the prompt's tokens would have to leave the pooling mask: refused rather than pooled wrongly
                throw new MalformedModelException(folder + ": its Pooling sets include_prompt false, which the workbench"
                        + " does not follow yet; use it without a prompt (--prompt '')");
            }
            ModelInfo info = new ModelInfo(folder, config.nameOrPath(), config.vocabSize(), config.layers(),
                    config.hiddenSize(), config.heads(), maxSeqLength, pooling, layout.normalize(),
                    folder.relativize(weightFile).toString(), layout.embeddingDimension(), layout.warnings(),
                    config.family().label(), layout.dense().stream().map(DenseConfig::label).toList(), headFiles,
                    prompt, ModelTokenizer.kind(layout.transformerDir()), layout.hasModules(), PromptChoice.offered(folder));
            TokenizerSettings settings = new TokenizerSettings(maxSeqLength, layout.lowerCaseInput(), options.nfc(),
                    prompt);
            return new Plan(layout, config, weightFile, maxSeqLength, new ModelDescription(info, settings));
        }
    }

    static SentenceTransformerModel load(Path folder, String name, Options options, boolean trainable)
            throws WorkbenchException {
        Plan plan = Plan.of(folder, options);
        ModelFolder layout = plan.layout();
        BertConfig config = plan.config();
        Path weightFile = plan.weightFile();
        int maxSeqLength = plan.maxSeqLength();
        TokenizerSettings settings = plan.description().tokenizerSettings();
        TextTokenizer tokenizer = ModelTokenizer.load(layout, settings);
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
                        + " but the tokenizer (" + tokenizerFile(layout.transformerDir()) + ") has token id "
                        + tokenizer.maxTokenId());
            }
            TorchRuntime.prepareInferenceThread();
            manager = NDManager.newBaseManager(Device.cpu(), TorchRuntime.engine().getEngineName());
            Map<String, RawTensor> tensors = readWeights(weightFile);
            BertWeights weights = BertWeights.create(tensors, config, manager, weightFile.toString(), trainable);
            List<DenseLayer> dense = new java.util.ArrayList<>();
            for (DenseConfig d : layout.dense()) {
                dense.add(DenseLayer.load(d, manager));
            }
            ModelInfo info = plan.description().info();
            TrainingParts parts = trainable
                    ? new TrainingParts(layout, config, weights, UntouchedTensors.of(tensors)) : null;
            SentenceTransformerModel model = new SentenceTransformerModel(name, info, tokenizer, manager,
                    new BertEncoder(config, weights), new Pooler(layout.pooling(), dense, layout.normalize()),
                    options.batchSize(), parts);
            model.tokenizerSettings = settings;
            return model;
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

    /** What the tokenizer runs with: max_seq_length, lower-casing, NFC (part of the model's cache identity). */
    public TokenizerSettings tokenizerSettings() {
        return tokenizerSettings;
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
        for (int start = 0, end; start < n; start = end) {
            cancel.throwIfCancelled();
            end = batchEnd(inputIds, order, start);
            int group = end - start;
            end = groupsEnd(inputIds, order, start, end);
            int[] rows = java.util.Arrays.copyOfRange(order, start, end);
            float[][] pooled = runBatch(inputIds, rows, null, group);
            for (int r = 0; r < rows.length; r++) {
                out[rows[r]] = pooled[r];
            }
            progress.update("encoding", end, n);
        }
        return out;
    }

    /**
     * Encodes texts and keeps, beside each embedding, the token vectors it was pooled from (one
     * forward pass, no gradients), in input order. For explanations: token shares, alignment.
     */
    public synchronized List<TokenEmbeddings> encodeWithTokens(List<String> texts, CancelToken cancel)
            throws CancelledException {
        List<Encoding> encodings = tokenizer.encodeAll(texts);
        List<long[]> inputIds = encodings.stream().map(Encoding::inputIds).toList();
        int n = texts.size();
        // Longest first, as encodeTokenized, so each batch pads little.
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -inputIds.get(i).length))
                .mapToInt(Integer::intValue).toArray();
        TorchRuntime.prepareInferenceThread();
        TokenEmbeddings[] out = new TokenEmbeddings[n];
        for (int start = 0, end; start < n; start = end) {
            cancel.throwIfCancelled();
            end = batchEnd(inputIds, order, start);
            int[] rows = java.util.Arrays.copyOfRange(order, start, end);
            float[][][] tokenVectors = new float[rows.length][][];
            float[][] pooled = runBatch(inputIds, rows, tokenVectors, rows.length);
            for (int r = 0; r < rows.length; r++) {
                out[rows[r]] = new TokenEmbeddings(encodings.get(rows[r]), tokenVectors[r], pooled[r],
                        pooler.modes(), info.normalize(), pooler.additive());
            }
        }
        return List.of(out);
    }

    /**
     * Where the batch starting at {@code start} of the length-sorted {@code order} ends: at most
     * {@code batchSize} texts, and few enough that the attention scores ({@code b × heads × L²}
     * floats, L the batch's longest text, which is its first) stay within
     * {@link Limits#ATTENTION_SCORES_MAX_BYTES}; always at least one text. A BERT-base batch of
     * 32 × 128 tokens needs 25 MB; bge-m3's 8,192 tokens need 4.3 GB for one text.
     */
    private int batchEnd(List<long[]> inputIds, int[] order, int start) {
        long length = inputIds.get(order[start]).length;
        long perText = Math.max(1, length * length * info.heads() * Float.BYTES);
        long fit = Math.max(1, Limits.ATTENTION_SCORES_MAX_BYTES / perText);
        return (int) Math.min(order.length, start + Math.min(batchSize, fit));
    }

    private void checkIds(int index, long[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("input " + index + " has no tokens (a tokenized text holds at least"
                    + " its special tokens, e.g. [CLS] and [SEP])");
        }
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

    /**
     * Where a forward pass starting with the batch {@code [start, firstEnd)} ends: further batches
     * of the same size join it as attention groups while all its real tokens stay within
     * {@link #TOKENS_PER_PASS}. The linear layers run on the real tokens only, so a pass of several
     * groups costs no padding there, and a matrix product over more rows runs faster (V40K shape,
     * this project's 2-core machine: 128 texts of ~14 tokens per product instead of 32, +6%).
     */
    private static int groupsEnd(List<long[]> inputIds, int[] order, int start, int firstEnd) {
        int group = firstEnd - start;
        long tokens = 0;
        for (int i = start; i < firstEnd; i++) {
            tokens += inputIds.get(order[i]).length;
        }
        int end = firstEnd;
        while (end < order.length) {
            int next = Math.min(order.length, end + group);
            long more = 0;
            for (int i = end; i < next; i++) {
                more += inputIds.get(order[i]).length;
            }
            if (tokens + more > TOKENS_PER_PASS) {
                break;
            }
            tokens += more;
            end = next;
        }
        return end;
    }

    /**
     * @param tokensOut when not null, receives each row's unpadded last hidden state
     * @param groupRows texts per attention group (consecutive rows, each group padded to its own longest)
     */
    private float[][] runBatch(List<long[]> inputIds, int[] rows, float[][][] tokensOut, int groupRows) {
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
            NDArray hidden = encoder.forward(idArray, maskArray, DropoutRates.NONE, groupRows);
            if (tokensOut != null) {
                copyTokens(hidden.toFloatArray(), inputIds, rows, length, tokensOut);
            }
            float[] flat = pooler.pool(hidden, maskArray).toFloatArray();
            int dim = flat.length / b;
            float[][] result = new float[b][];
            for (int r = 0; r < b; r++) {
                result[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
            }
            return result;
        }
    }

    /** The parts training works on; fails for a model loaded for inference only. */
    TrainingParts trainingParts() {
        if (trainingParts == null) {
            throw new IllegalStateException(name + " was not loaded for training");
        }
        return trainingParts;
    }

    BertEncoder encoder() {
        return encoder;
    }

    Pooler pooler() {
        return pooler;
    }

    NDManager manager() {
        return manager;
    }

    private static void copyTokens(float[] flat, List<long[]> inputIds, int[] rows, int length, float[][][] out) {
        int hidden = flat.length / (rows.length * length);
        for (int r = 0; r < rows.length; r++) {
            int kept = inputIds.get(rows[r]).length;
            out[r] = new float[kept][];
            for (int t = 0; t < kept; t++) {
                int from = (r * length + t) * hidden;
                out[r][t] = java.util.Arrays.copyOfRange(flat, from, from + hidden);
            }
        }
    }

    @Override
    public synchronized void close() {
        manager.close();
        tokenizer.close();
    }
}
