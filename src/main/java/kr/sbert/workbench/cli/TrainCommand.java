package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsFormat;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TorchRuntime;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.train.EvalRecord;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.RunDirectory;
import kr.sbert.workbench.core.train.StepRecord;
import kr.sbert.workbench.core.train.TrainData;
import kr.sbert.workbench.core.train.TrainListener;
import kr.sbert.workbench.core.train.TrainRun;
import kr.sbert.workbench.core.train.TrainPair;
import kr.sbert.workbench.core.train.TrainResult;
import kr.sbert.workbench.core.train.TrainSettings;
import kr.sbert.workbench.core.train.TrainSettingsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fine-tunes a model on STS pairs as sentence-transformers' {@code fit()} does. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fine-tune a model on STS pairs, step for step as sentence-transformers 2.x fit() does"
                + " (AdamW, WarmupLinear, clip_grad_norm_), evaluating Pearson/Spearman of the cosine on the dev"
                + " set before training, every --eval-steps steps and at each epoch end.",
            "Defaults are those of sentence-transformers' STS training example (training_stsbenchmark.py).",
            "Writes DIR/final/ (the model after the last step), DIR/best/ (the evaluation with the highest dev"
                + " Spearman, if any beat the untrained model), DIR/train-log.jsonl, DIR/train-settings.json and"
                + " DIR/run.json (how the run ended, with the verdict).",
            "Ends with the verdict: the chosen model (best, else final) minus the base, Spearman with a paired-bootstrap"
                + " 95%% interval on the dev pairs and, with --test, on test pairs that played no part in choosing."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Base model: a folder or hub id (org/name[@revision]).")
    String model;

    @Option(names = "--train", required = true, paramLabel = "FILE",
            description = "Training pairs with gold (any format eval reads; gold scaled to 0-1 by its scale).")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "FILE", description = "Dev pairs with gold.")
    Path dev;

    @Option(names = "--test", paramLabel = "FILE",
            description = "Test pairs with gold: the base and the chosen model are compared on them (the number to"
                    + " trust: they play no part in choosing the step).")
    Path test;

    @Option(names = "--early-stopping", paramLabel = "N", defaultValue = "0",
            description = "Stop after N evaluations in a row without a new best dev Spearman; 0: off, as in fit()"
                    + " (default: ${DEFAULT-VALUE}).")
    int earlyStopping;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (created; must not hold an earlier run).")
    Path out;

    @Option(names = "--format", paramLabel = "F", converter = EvalCommand.FormatConverter.class,
            description = "Layout of both files: korsts, klue, csv, tsv, jsonl (default: detected).")
    StsFormat format;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "cosine", converter = LossConverter.class,
            description = "cosine (CosineSimilarityLoss) or cosent (CoSENTLoss, scale 20) (default: ${DEFAULT-VALUE}).")
    LossKind loss;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_EPOCHS,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_BATCH_SIZE,
            description = "Pairs per optimizer step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "" + TrainSettings.DEFAULT_LR,
            description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup-steps", paramLabel = "N",
            description = "Linear warmup steps (default: --warmup-ratio of all steps).")
    Integer warmupSteps;

    @Option(names = "--warmup-ratio", paramLabel = "X",
            description = "Warmup as a share of all steps, rounded up (default: " + TrainSettings.DEFAULT_WARMUP_RATIO
                    + ").")
    Double warmupRatio;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "" + TrainSettings.DEFAULT_WEIGHT_DECAY,
            description = "AdamW weight decay, not for biases and LayerNorm (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--max-grad-norm", paramLabel = "X", defaultValue = "" + TrainSettings.DEFAULT_MAX_GRAD_NORM,
            description = "Clip the total gradient norm to X (default: ${DEFAULT-VALUE}).")
    double maxGradNorm;

    @Option(names = "--eval-steps", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_EVAL_STEPS,
            description = "Evaluate every N optimizer steps, counted over the whole run; 0: at epoch ends only"
                    + " (default: ${DEFAULT-VALUE}).")
    int evalSteps;

    @Option(names = "--no-shuffle", description = "Keep the training pairs in file order (default: shuffled every epoch).")
    boolean noShuffle;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainSettings.DEFAULT_SEED,
            description = "Seed of the shuffle and of dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-seq-length", paramLabel = "N", defaultValue = "0",
            description = "Tokens per text including [CLS]/[SEP] (default: the model's max_seq_length).")
    int maxSeqLength;

    /**
     * Pooling (folders without modules.json) and prompt. Training applies no prompt unless one is
     * given here: sentence-transformers 2.3's {@code fit()} tokenizes the texts as they are.
     */
    @Mixin
    InputChoices choices = new InputChoices();

    @Option(names = "--threads", paramLabel = "N", description = "Threads torch may use (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainSettings settings = settings();
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        RunDirectory run = RunDirectory.create(out);
        ReadOptions read = ReadOptions.defaults().withFormat(format);
        StsDataset trainData = StsReader.read(train, read);
        EvalCommand.reportDataset(trainData, err);
        StsDataset devData = StsReader.read(dev, read);
        EvalCommand.reportDataset(devData, err);
        List<TrainPair> trainPairs = TrainData.trainPairs(trainData);
        List<SentencePair> devPairs = TrainData.devPairs(devData);
        StsDataset testData = null;
        List<SentencePair> testPairs = List.of();
        if (test != null) {
            testData = StsReader.read(test, read);
            EvalCommand.reportDataset(testData, err);
            testPairs = TrainData.devPairs(testData);
        }
        warnShared("dev", TrainData.sharingTrainingSentences(trainPairs, devPairs), devPairs.size(), err);
        if (test != null) {
            warnShared("test", TrainData.sharingTrainingSentences(trainPairs, testPairs), testPairs.size(), err);
        }
        Path folder = ModelOpener.resolveFolder(model, err);
        if (threads != null) {
            TorchRuntime.setThreads(threads);
        }
        CancelToken cancel = new CancelToken();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: stop at the next step and let the temporary folders be removed before the JVM exits.
        Thread onInterrupt = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "train-cancel");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        kr.sbert.workbench.core.model.PromptChoice prompt = choices.promptChoice() == kr.sbert.workbench.core.model.PromptChoice.DEFAULT
                ? kr.sbert.workbench.core.model.PromptChoice.text("") : choices.promptChoice();
        try (TrainingSession session = TrainingSession.open(folder, model,
                new SentenceTransformerModel.Options(32, false, settings.maxSeqLength())
                        .with(choices.poolingChoice(), prompt), seed)) {
            int stepsPerEpoch = settings.stepsPerEpoch(trainPairs.size());
            TrainSettingsFile.write(run.settings(), settings, settings.totalSteps(trainPairs.size()), stepsPerEpoch,
                    TrainSettingsFile.BaseModel.of(model, folder, session.model().info()), session.dropout(), trainData,
                    devData, 0,
                    testData, versions(session));
            TrainResult result;
            try (Progress progress = new Progress(err)) {
                result = new TrainRun(run, settings).execute(session, trainPairs, devPairs, testPairs,
                        test == null ? null : test.toAbsolutePath().toString(), cancel, progress);
            }
            report(result, run, stdout);
            err.println("time: " + session.timings() + " (" + result.steps() + " steps, optimizer " + session.optimizerKind() + ")");
            err.flush();
            return ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waits for the latch released above.
            }
        }
    }

    private TrainSettings settings() {
        if (warmupSteps != null && warmupRatio != null) {
            throw new IllegalArgumentException("give --warmup-steps or --warmup-ratio, not both");
        }
        return new TrainSettings(loss, epochs, batchSize, lr, warmupSteps == null ? -1 : warmupSteps,
                warmupRatio == null ? TrainSettings.DEFAULT_WARMUP_RATIO : warmupRatio, weightDecay, maxGradNorm,
                evalSteps, !noShuffle, seed, maxSeqLength, earlyStopping);
    }

    /** Dev or test pairs that share a sentence with the training pairs flatter a model that memorised them. */
    private static void warnShared(String role, int shared, int of, PrintWriter err) {
        if (shared > 0) {
            err.printf(Locale.ROOT, "warning: %d of %d %s pairs share a sentence with the training pairs: their"
                    + " numbers flatter the trained model%n", shared, of, role);
            err.flush();
        }
    }

    private Map<String, String> versions(TrainingSession session) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("workbench", spec.root().version().length > 0 ? spec.root().version()[0] : "");
        v.putAll(session.settingsVersions()); // libtorch, DJL, java, and which optimizer path runs
        return v;
    }

    private static void report(TrainResult result, RunDirectory run, PrintWriter stdout) {
        EvalRecord base = result.baseline();
        EvalRecord last = result.evaluations().get(result.evaluations().size() - 1);
        stdout.printf(Locale.ROOT, "dev spearman_cosine: %s before training, %s after step %d%n",
                format(base.spearman()), format(last.spearman()), last.step());
        stdout.println("final model: " + run.finalModel());
        if (result.improved()) {
            EvalRecord best = result.best();
            stdout.printf(Locale.ROOT, "best model: %s (step %d, dev spearman_cosine %s, %+.4f over the original)%n",
                    run.bestModel(), best.step(), format(best.spearman()), best.spearman() - base.spearman());
        } else {
            stdout.println("fine-tuning did not improve on the original: no evaluation after training beat its dev"
                    + " spearman_cosine " + format(base.spearman()) + "; no best model written");
        }
        if (result.stoppedEarlyAt() >= 0) {
            stdout.println("early stopping: stopped at step " + result.stoppedEarlyAt());
        }
        stdout.println("log: " + run.log());
        stdout.println(result.verdict().line());
        stdout.flush();
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The progress bar: steps, the running loss (mean of the last 20 steps) and the last dev Spearman. */
    private static final class Progress implements TrainListener, AutoCloseable {
        private static final int WINDOW = 20;
        private final ProgressBar bar;
        private final PrintWriter err;
        private final double[] recent = new double[WINDOW];
        private int seen;
        private int total;
        private double spearman = Double.NaN;
        private int lastStep;

        Progress(PrintWriter err) {
            this.err = err;
            this.bar = new ProgressBar(err, "steps");
        }

        @Override
        public void started(int totalSteps, int stepsPerEpoch) {
            total = totalSteps;
        }

        @Override
        public void step(StepRecord s) {
            recent[seen++ % WINDOW] = s.loss();
            lastStep = s.step();
            draw();
        }

        @Override
        public void evaluated(EvalRecord e) {
            spearman = e.spearman();
            if (total > 0) {
                draw();
            }
        }

        @Override
        public void message(String line) {
            bar.close();
            err.println(line);
            err.flush();
        }

        private void draw() {
            int n = Math.min(seen, WINDOW);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += recent[i];
            }
            String what = String.format(Locale.ROOT, "loss %s, dev spearman %s",
                    n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", sum / n), format(spearman));
            bar.update(what, lastStep, total);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** {@code --loss} values. */
    static final class LossConverter implements CommandLine.ITypeConverter<LossKind> {
        @Override
        public LossKind convert(String value) {
            for (LossKind k : LossKind.values()) {
                if (k.key().equals(value.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of cosine, cosent");
        }
    }
}
