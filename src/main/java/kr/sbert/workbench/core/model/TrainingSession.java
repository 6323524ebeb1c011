package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.model.weights.RawTensor;
import kr.sbert.workbench.core.model.weights.TensorDType;
import kr.sbert.workbench.core.text.Encoding;

/**
 * A model in training mode, driven step by step from outside this package: a forward pass with
 * gradients and dropout over the same {@link BertEncoder} inference uses, backward from the
 * gradients of the pooled embeddings, one L2 norm over all gradients, scaling (clipping), an
 * AdamW step, and the weights under HF's names. Only {@code float[]}, names and
 * {@link RawTensor}s leave it. {@link #model()} encodes with the current weights in inference
 * mode (no dropout), for evaluation between steps.
 *
 * <p>Not thread-safe: one thread drives a session (torch keeps autograd on or off per
 * thread), and only one session can be in a forward/backward pass at a time in the process.
 */
public final class TrainingSession implements AutoCloseable {
    /** {@link #optimizerKind()} with libtorch's fused kernels. */
    public static final String FUSED = "fused";
    /** {@link #optimizerKind()} with DJL's elementwise ops. */
    public static final String DJL_OPS = "djl-ops";
    /** System property that makes sessions use DJL's ops even where the fused kernels load (tests, comparisons). */
    public static final String DJL_OPS_PROPERTY = "kr.sbert.workbench.train.djlOptimizer";
    /** Why the fused kernels are not used, or null when they are. */
    private final String fallbackReason;

    private final SentenceTransformerModel model;
    private final SentenceTransformerModel.TrainingParts parts;
    private final List<BertWeights.Parameter> parameters;
    private final DropoutRates dropout;
    private final NDManager stateManager;
    /** libtorch's multi-tensor kernels, or null when they could not be loaded (DJL's ops then). */
    private final FusedOptimizerOps fused;
    private final AdamW optimizer;
    private final StepTimings timings = new StepTimings();
    /** Native allocations from this size up get their own pages while training ({@link NativeHeap}). */
    static final int MMAP_THRESHOLD_BYTES = Integer.getInteger("kr.sbert.workbench.train.mmapThreshold", 1024 * 1024);

    private TrainingSession(SentenceTransformerModel model, DropoutRates dropout) {
        this.model = model;
        this.parts = model.trainingParts();
        this.parameters = parts.weights().parameters();
        this.dropout = dropout;
        this.stateManager = model.manager().newSubManager();
        String[] why = new String[1];
        this.fused = loadFused(why);
        this.fallbackReason = why[0];
        this.optimizer = new AdamW(stateManager, fused);
        for (BertWeights.Parameter p : parameters) {
            p.array().setRequiresGradient(true);
        }
    }

    /**
     * The fused kernels, or null: a libtorch without them (or a module that does not compile)
     * leaves training on DJL's ops, slower but the same numbers; {@link #optimizerKind()} tells.
     */
    private static FusedOptimizerOps loadFused(String[] why) {
        if (Boolean.getBoolean(DJL_OPS_PROPERTY)) {
            why[0] = "-D" + DJL_OPS_PROPERTY + "=true";
            return null;
        }
        try {
            return FusedOptimizerOps.load();
        } catch (RuntimeException e) {
            why[0] = "fused kernels unavailable: " + e.getMessage();
            return null;
        }
    }

    /**
     * {@link #runtimeVersions()} and the optimizer path this session runs, with the reason when
     * it is DJL's ops (for a run's settings file).
     */
    public Map<String, String> settingsVersions() {
        Map<String, String> v = runtimeVersions();
        v.put("optimizer", fallbackReason == null ? optimizerKind() : optimizerKind() + " (" + fallbackReason + ")");
        return v;
    }

    /**
     * Which optimizer path this session runs (gradient norm, clipping and AdamW step), for a
     * run's settings or a test: {@value #FUSED} (libtorch's {@code _fused_adamw_},
     * {@code _foreach_norm} and {@code _foreach_mul_} through TorchScript) or {@value #DJL_OPS}
     * (DJL's in-place elementwise ops, in row blocks), when the fused kernels did not load.
     */
    public String optimizerKind() {
        return fused != null ? FUSED : DJL_OPS;
    }

    /**
     * Loads a model folder for training, its own copy of the weights.
     *
     * @param dropoutSeed seeds torch's generator, so the same seed repeats the same dropout masks
     */
    public static TrainingSession open(Path folder, String name, SentenceTransformerModel.Options options,
                                       long dropoutSeed) throws WorkbenchException {
        ModelFolder layout = ModelFolder.read(folder, options.pooling());
        if (!layout.dense().isEmpty()) {
            // its weights would need training and writing too; refused rather than half-trained
            throw new MalformedModelException(folder + ": has " + String.join(", ", layout.dense().stream()
                    .map(DenseConfig::label).toList()) + " after the pooling; training a model with a Dense module is"
                    + " not supported yet (inference, eval and the window are)");
        }
        SentenceTransformerModel model = SentenceTransformerModel.load(folder, name, options, true);
        try {
            DropoutRates rates = DropoutRates.read(model.trainingParts().layout().transformerDir().resolve("config.json"));
            JniUtils.setSeed(dropoutSeed);
            // The weights were copied out of the file's mapping; unmap it (the JVM does so only after a
            // collection) so training does not carry the file's pages as well.
            System.gc();
            // A step's activations and temporaries (megabytes each) on pages of their own, freed
            // at once, not arena holes; measured on the V40K shape, batch 16: peak RSS 3.18 GB
            // without, 2.97 GB with (README, "Training speed"); the numbers are the same either way.
            if (MMAP_THRESHOLD_BYTES > 0) { // 0: glibc's own dynamic threshold
                NativeHeap.mmapAbove(MMAP_THRESHOLD_BYTES);
            }
            NativeHeap.trim();
            return new TrainingSession(model, rates);
        } catch (WorkbenchException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The model with the current weights, in inference mode (owned by the session: do not close it). */
    public SentenceTransformerModel model() {
        return model;
    }

    /** The dropout rates training applies (from {@code config.json}). */
    public DropoutRates dropout() {
        return dropout;
    }

    /** The trained parameters' HF names (the pooler is not trained: it gets no gradient). */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.addAll(p.names()));
        return names;
    }

    /** Time spent so far in each part of training. */
    public StepTimings timings() {
        return timings;
    }

    /**
     * Tokenizes and runs each text column on its own (padded to its own longest text), with
     * gradients and dropout; the returned pass must be {@linkplain Forward#backward backward}ed
     * or closed before the next.
     */
    public Forward forward(List<List<String>> columns) {
        return new Forward(columns);
    }

    /** One forward pass with its autograd graph. */
    public final class Forward implements AutoCloseable {
        private final NDManager scope;
        private final GradientCollector collector;
        private final List<NDArray> pooled = new ArrayList<>();
        private final float[][][] embeddings;
        private boolean closed;

        private Forward(List<List<String>> columns) {
            scope = model.manager().newSubManager();
            collector = TorchRuntime.engine().newGradientCollector();
            embeddings = new float[columns.size()][][];
            try {
                for (int c = 0; c < columns.size(); c++) {
                    long t0 = System.nanoTime();
                    // read no more of a text than max_seq_length needs (same ids as the whole text's)
                    List<Encoding> encodings = model.tokenizer().encodeAll(columns.get(c),
                            model.tokenizer().maxSeqLength() - 2);
                    long t1 = System.nanoTime();
                    timings.tokenizeNanos += t1 - t0;
                    NDArray out = run(encodings);
                    pooled.add(out);
                    embeddings[c] = rows(out.toFloatArray(), encodings.size());
                    timings.forwardNanos += System.nanoTime() - t1;
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private NDArray run(List<Encoding> encodings) {
            int b = encodings.size();
            int length = 0;
            for (Encoding e : encodings) {
                length = Math.max(length, e.inputIds().length);
            }
            long pad = model.tokenizer().padId();
            long[] ids = new long[b * length];
            float[] mask = new float[b * length];
            for (int r = 0; r < b; r++) {
                long[] seq = encodings.get(r).inputIds();
                for (int t = 0; t < length; t++) {
                    boolean real = t < seq.length;
                    ids[r * length + t] = real ? seq[t] : pad;
                    mask[r * length + t] = real ? 1f : 0f;
                }
            }
            NDArray idArray = scope.create(ids, new Shape(b, length));
            NDArray maskArray = scope.create(mask, new Shape(b, length));
            NDArray hidden = model.encoder().forward(idArray, maskArray, dropout);
            return model.pooler().pool(hidden, maskArray);
        }

        private static float[][] rows(float[] flat, int n) {
            int dim = flat.length / n;
            float[][] out = new float[n][];
            for (int r = 0; r < n; r++) {
                out[r] = java.util.Arrays.copyOfRange(flat, r * dim, (r + 1) * dim);
            }
            return out;
        }

        /** The pooled embeddings of one column, in its input order. */
        public float[][] embeddings(int column) {
            return embeddings[column];
        }

        /**
         * Back-propagates the loss's gradients with respect to each column's embeddings
         * (same shape as {@link #embeddings}), adding to the parameters' gradients, and ends
         * the pass.
         */
        public void backward(float[][][] gradients) {
            if (gradients.length != pooled.size()) {
                throw new IllegalArgumentException("gradients for " + gradients.length + " columns, the pass has "
                        + pooled.size());
            }
            long t0 = System.nanoTime();
            try {
                NDArray total = null;
                for (int c = 0; c < pooled.size(); c++) {
                    NDArray emb = pooled.get(c);
                    NDArray g = scope.create(flatten(gradients[c], emb.getShape()), emb.getShape());
                    // d/d(emb) of Σ emb·g is g: the loss's own gradient flows into the encoder.
                    NDArray term = emb.mul(g).sum();
                    total = total == null ? term : total.add(term);
                }
                collector.backward(total);
            } finally {
                timings.backwardNanos += System.nanoTime() - t0;
                close();
            }
        }

        private static float[] flatten(float[][] rows, Shape shape) {
            int n = (int) shape.get(0);
            int dim = (int) shape.get(1);
            if (rows.length != n) {
                throw new IllegalArgumentException("gradient has " + rows.length + " rows, expected " + n);
            }
            float[] flat = new float[n * dim];
            for (int r = 0; r < n; r++) {
                if (rows[r].length != dim) {
                    throw new IllegalArgumentException("gradient row " + r + " has " + rows[r].length
                            + " values, expected " + dim);
                }
                System.arraycopy(rows[r], 0, flat, r * dim, dim);
            }
            return flat;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                collector.close();
                scope.close();
            }
        }
    }

    /** {@code clip_grad_norm_}'s total norm: the L2 norm of all gradients together. */
    public double gradientNorm() {
        long t0 = System.nanoTime();
        if (fused != null) {
            try (NDManager scope = stateManager.newSubManager()) {
                // clip_grad_norm_'s norm of norms, from float32 norms of small views (see FusedOptimizerOps)
                double norm = fused.totalNorm(gradients(scope));
                timings.optimizerNanos += System.nanoTime() - t0;
                return norm;
            }
        }
        double sumSquares = 0;
        double[] acc = new double[1];
        try (NDManager scope = stateManager.newSubManager()) {
            for (BertWeights.Parameter p : parameters) {
                Chunks.forEachBlock(new NDArray[] {gradient(p, scope)}, b -> {
                    NDArray squared = b[0].square();
                    NDArray sum = squared.sum();
                    acc[0] += sum.getFloat();
                    squared.close();
                    sum.close();
                });
            }
        }
        sumSquares = acc[0];
        timings.optimizerNanos += System.nanoTime() - t0;
        return Math.sqrt(sumSquares);
    }

    /** Multiplies every gradient by {@code factor} (clipping). */
    public void scaleGradients(double factor) {
        long t0 = System.nanoTime();
        try (NDManager scope = stateManager.newSubManager()) {
            if (fused != null) {
                fused.scale(gradients(scope), factor);
            } else {
                for (BertWeights.Parameter p : parameters) {
                    gradient(p, scope).muli((float) factor);
                }
            }
        }
        timings.optimizerNanos += System.nanoTime() - t0;
    }

    /**
     * One AdamW step on every parameter, then the gradients are zeroed.
     *
     * @param lr          this step's learning rate
     * @param weightDecay the decay of a parameter by its HF name
     */
    public void adamWStep(double lr, ToDoubleFunction<String> weightDecay) {
        long t0 = System.nanoTime();
        optimizer.beginStep();
        // one call per decay group (the fused kernel takes one decay), in parameter order
        Map<Double, List<BertWeights.Parameter>> groups = new LinkedHashMap<>();
        for (BertWeights.Parameter p : parameters) {
            groups.computeIfAbsent(decayOf(p, weightDecay), d -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Double, List<BertWeights.Parameter>> group : groups.entrySet()) {
            try (NDManager scope = stateManager.newSubManager()) {
                List<NDArray> params = new ArrayList<>();
                List<NDArray> grads = new ArrayList<>();
                for (BertWeights.Parameter p : group.getValue()) {
                    params.add(p.array());
                    grads.add(gradient(p, scope));
                }
                optimizer.updateGroup(params, grads, lr, group.getKey());
            }
        }
        zeroGradients();
        // The step's autograd graph and temporaries are freed by now: hand their pages back, so
        // the next step's peak is the live tensors plus that step's own, not this one's holes too.
        NativeHeap.trim();
        timings.optimizerNanos += System.nanoTime() - t0;
    }

    /** Sets every gradient to zero (torch accumulates them across backward passes). */
    public void zeroGradients() {
        for (BertWeights.Parameter p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p.array());
        }
    }

    /** The decay of a fused tensor: its three parts must agree, as AdamW's groups go by name. */
    private static double decayOf(BertWeights.Parameter p, ToDoubleFunction<String> weightDecay) {
        double wd = weightDecay.applyAsDouble(p.names().get(0));
        for (String name : p.names()) {
            if (weightDecay.applyAsDouble(name) != wd) {
                throw new IllegalArgumentException("query, key and value of " + name
                        + " must share one weight decay");
            }
        }
        return wd;
    }

    /** Every parameter's gradient, in parameter order, attached to {@code scope}. */
    private List<NDArray> gradients(NDManager scope) {
        List<NDArray> grads = new ArrayList<>(parameters.size());
        for (BertWeights.Parameter p : parameters) {
            grads.add(gradient(p, scope));
        }
        return grads;
    }

    private static NDArray gradient(BertWeights.Parameter p, NDManager scope) {
        NDArray g = p.array().getGradient();
        g.attach(scope);
        return g;
    }

    /**
     * The weights as a HF {@code BertModel} state dict: every trained tensor (query, key and
     * value split apart again) and the untouched ones (the pooler), float32. The buffers may be
     * views of the live weights: valid until the next step or {@link #close()}.
     */
    public Map<String, RawTensor> stateDict() {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        for (BertWeights.Parameter p : parameters) {
            NDArray a = p.array();
            // Direct views of torch's memory where possible (no copy of half a gigabyte of weights).
            ByteBuffer all = a.toByteBuffer(true).order(ByteOrder.LITTLE_ENDIAN);
            long[] shape = a.getShape().getShape();
            int parts = p.names().size();
            long[] partShape = shape.clone();
            partShape[0] = shape[0] / parts;
            int bytes = all.remaining() / parts;
            for (int i = 0; i < parts; i++) {
                // A view, not a copy: the weights are copied out of torch once.
                ByteBuffer slice = all.duplicate().position(all.position() + i * bytes)
                        .limit(all.position() + (i + 1) * bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
                String name = p.names().get(i);
                out.put(name, new RawTensor(name, TensorDType.F32, partShape.clone(), slice));
            }
        }
        parts.untouched().forEach(out::putIfAbsent);
        return out;
    }

    /**
     * Writes the model with its current weights as a sentence-transformers folder (root layout)
     * into {@code dir}, which must exist and be empty.
     *
     * @param maxSeqLength the {@code max_seq_length} to record
     */
    public void writeModelFolder(Path dir) throws java.io.IOException {
        ModelFolderWriter.write(dir, parts.layout(), model.info().maxSeqLength(), stateDict());
    }

    /** The versions of the native stack training runs on (for a run's settings file). */
    public static Map<String, String> runtimeVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("djl", ai.djl.engine.Engine.getDjlVersion());
        v.put("libtorch", TorchRuntime.engine().getVersion());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    @Override
    public void close() {
        optimizer.close();
        if (fused != null) {
            fused.close();
        }
        stateManager.close();
        model.close();
    }
}
