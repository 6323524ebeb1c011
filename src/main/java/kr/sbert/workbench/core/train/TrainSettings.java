package kr.sbert.workbench.core.train;

/**
 * Every setting of a training run. The defaults are those of sentence-transformers' STS training
 * example ({@code training_stsbenchmark.py}): CosineSimilarityLoss, 4 epochs, batch 16, lr 2e-5,
 * warmup 10% of the steps, weight decay 0.01, clipping at 1.0, evaluation every 1,000 steps,
 * shuffled.
 *
 * @param loss          the loss
 * @param epochs        passes over the training pairs
 * @param batchSize     pairs per optimizer step
 * @param lr            peak learning rate
 * @param warmupSteps   warmup steps, or -1 to use {@code warmupRatio}
 * @param warmupRatio   warmup as a share of all steps (rounded up), used when {@code warmupSteps} is -1
 * @param weightDecay   AdamW's decoupled weight decay (not for biases and LayerNorm)
 * @param maxGradNorm   clipping threshold of the total gradient norm
 * @param evalSteps     evaluate every this many optimizer steps, counted over the whole run (0: epoch ends only)
 * @param shuffle       shuffle the training pairs every epoch
 * @param seed          seed of the shuffle and of dropout
 * @param maxSeqLength  tokens per text including [CLS]/[SEP], 0 for the model's own
 * @param earlyStopping stop after this many evaluations in a row without a new best dev Spearman
 *                      (0: off, as in {@code fit()})
 */
public record TrainSettings(LossKind loss, int epochs, int batchSize, double lr, int warmupSteps, double warmupRatio,
                            double weightDecay, double maxGradNorm, int evalSteps, boolean shuffle, long seed,
                            int maxSeqLength, int earlyStopping) {

    public static final int DEFAULT_EPOCHS = 4;
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final double DEFAULT_LR = 2e-5;
    public static final double DEFAULT_WARMUP_RATIO = 0.1;
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;
    public static final double DEFAULT_MAX_GRAD_NORM = 1.0;
    public static final int DEFAULT_EVAL_STEPS = 1000;
    public static final long DEFAULT_SEED = 42;

    public TrainSettings {
        if (loss == null) {
            throw new IllegalArgumentException("a loss is needed");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(lr >= 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("--lr must be a number of at least 0, got " + lr);
        }
        if (warmupSteps < -1) {
            throw new IllegalArgumentException("--warmup-steps must not be negative, got " + warmupSteps);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("--warmup-ratio must be between 0 and 1, got " + warmupRatio);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("--weight-decay must be a number of at least 0, got " + weightDecay);
        }
        if (!(maxGradNorm > 0)) {
            throw new IllegalArgumentException("--max-grad-norm must be above 0, got " + maxGradNorm);
        }
        if (evalSteps < 0) {
            throw new IllegalArgumentException("--eval-steps must not be negative, got " + evalSteps);
        }
        if (maxSeqLength != 0 && maxSeqLength < 2) {
            throw new IllegalArgumentException("--max-seq-length must be at least 2, got " + maxSeqLength);
        }
        if (earlyStopping < 0) {
            throw new IllegalArgumentException("--early-stopping must not be negative, got " + earlyStopping);
        }
    }

    /** Without early stopping (as {@code fit()}). */
    public TrainSettings(LossKind loss, int epochs, int batchSize, double lr, int warmupSteps, double warmupRatio,
                         double weightDecay, double maxGradNorm, int evalSteps, boolean shuffle, long seed,
                         int maxSeqLength) {
        this(loss, epochs, batchSize, lr, warmupSteps, warmupRatio, weightDecay, maxGradNorm, evalSteps, shuffle, seed,
                maxSeqLength, 0);
    }

    /** The same settings with early stopping after {@code evaluations} evaluations without a new best (0: off). */
    public TrainSettings withEarlyStopping(int evaluations) {
        return new TrainSettings(loss, epochs, batchSize, lr, warmupSteps, warmupRatio, weightDecay, maxGradNorm,
                evalSteps, shuffle, seed, maxSeqLength, evaluations);
    }

    /** The STS example's settings. */
    public static TrainSettings defaults() {
        return new TrainSettings(LossKind.COSINE, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, DEFAULT_LR, -1,
                DEFAULT_WARMUP_RATIO, DEFAULT_WEIGHT_DECAY, DEFAULT_MAX_GRAD_NORM, DEFAULT_EVAL_STEPS, true,
                DEFAULT_SEED, 0);
    }

    /**
     * Optimizer steps per epoch: the last batch may be short, as a DataLoader without drop_last.
     * Computed in {@code long}: a batch size near {@code Integer.MAX_VALUE} is one step, not an overflow.
     */
    public int stepsPerEpoch(int pairs) {
        return (int) ((pairs + (long) batchSize - 1) / batchSize);
    }

    /**
     * Optimizer steps of the whole run.
     *
     * @throws IllegalArgumentException when they do not fit an {@code int}
     */
    public int totalSteps(int pairs) {
        long total = (long) stepsPerEpoch(pairs) * epochs;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--epochs " + epochs + " × " + stepsPerEpoch(pairs)
                    + " steps per epoch is more than " + Integer.MAX_VALUE + " optimizer steps");
        }
        return (int) total;
    }

    /** Warmup steps for a run of {@code totalSteps}: the given number, else the ratio rounded up. */
    public int warmupFor(int totalSteps) {
        return warmupSteps >= 0 ? warmupSteps : (int) Math.ceil(totalSteps * warmupRatio);
    }
}
