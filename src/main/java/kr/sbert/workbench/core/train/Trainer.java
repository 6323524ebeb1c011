package kr.sbert.workbench.core.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.Correlation;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.eval.Evaluator;
import kr.sbert.workbench.core.eval.PairedDifference;
import kr.sbert.workbench.core.eval.SimilarityFunction;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * The training loop of sentence-transformers 2.x {@code fit()} with one objective: per batch,
 * each text column is encoded on its own, the loss is computed, back-propagated, the total
 * gradient norm is clipped to {@code maxGradNorm}, AdamW steps with the warmup-linear rate and
 * the gradients are zeroed. The dev set is evaluated before training (step 0), every
 * {@code evalSteps} optimizer steps counted within each epoch (as {@code fit()} counts them: its
 * counter starts again with every epoch), and at each epoch end (once per step when these coincide,
 * where {@code fit()} evaluates twice). A NaN or infinite loss, gradient or dev cosine stops the run at once.
 * With early stopping the run ends after that many evaluations without a new best. At the end the
 * chosen model (best, else final) is compared with the base on the dev pairs and, when given, on
 * test pairs that took no part in choosing ({@link Verdict}). One run at a time per instance.
 */
public final class Trainer {
    private final TrainSettings settings;
    private final List<TrainListener> listeners;
    /** The run in progress, for {@link #progress()} when it ends by an exception. */
    private EvalRecord bestSoFar;
    private List<EvalRecord> evalsSoFar = List.of();
    private int stepSoFar;

    public Trainer(TrainSettings settings, TrainListener... listeners) {
        this.settings = settings;
        this.listeners = List.of(listeners);
    }

    /** As {@link #run(TrainingSession, List, List, List, ModelSink, CancelToken)} without test pairs. */
    public TrainResult run(TrainingSession session, List<TrainPair> train, List<SentencePair> dev, ModelSink sink,
                           CancelToken cancel) throws WorkbenchException {
        return run(session, train, dev, List.of(), sink, cancel);
    }

    /**
     * Trains {@code session}'s model in place.
     *
     * @param dev  pairs with gold for the evaluations (and the choice of the best step)
     * @param test pairs with gold that take no part in choosing, for the verdict (may be empty)
     * @throws CancelledException         when cancelled (nothing is written as final)
     * @throws TrainingDivergedException  when a loss, gradient or dev cosine was not finite (no final
     *                                    model is written; the best so far stays)
     */
    public TrainResult run(TrainingSession session, List<TrainPair> train, List<SentencePair> dev,
                           List<SentencePair> test, ModelSink sink, CancelToken cancel) throws WorkbenchException {
        int stepsPerEpoch = settings.stepsPerEpoch(train.size());
        int total = settings.totalSteps(train.size());
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(total, settings.warmupFor(total));
        WeightDecayGroups decay = new WeightDecayGroups(settings.weightDecay());
        PairLoss loss = settings.loss().create();
        List<EvalRecord> evals = new ArrayList<>();
        bestSoFar = null;
        evalsSoFar = evals;
        stepSoFar = 0;
        Run run = new Run(session, dev, test, sink, cancel, evals);

        Scored baseline = evaluate(session, dev, 0, 0, cancel);
        evals.add(baseline.record());
        run.baseDev = baseline.cosine();
        run.lastDev = baseline.cosine();
        run.baseTest = test.isEmpty() ? null : cosines(session, test, cancel);
        listeners.forEach(l -> l.started(total, stepsPerEpoch));
        long started = System.nanoTime();
        Random shuffle = new Random(settings.seed());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        int step = 0;
        int stoppedEarlyAt = -1;
        training:
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            if (settings.shuffle()) {
                Collections.shuffle(order, shuffle);
            }
            for (int b = 0; b < stepsPerEpoch; b++) {
                cancel.throwIfCancelled();
                List<TrainPair> batch = new ArrayList<>();
                // long: b × batch size may pass Integer.MAX_VALUE
                long from = (long) b * settings.batchSize();
                long to = Math.min(train.size(), from + settings.batchSize());
                for (long i = from; i < to; i++) {
                    batch.add(train.get(order.get((int) i)));
                }
                double lr = settings.lr() * schedule.multiplier(step);
                step++;
                stepSoFar = step;
                StepRecord record = step(session, batch, loss, lr, decay, step, epoch, started);
                listeners.forEach(l -> l.step(record));
                // Once per step: an evaluation step that is also the epoch's last is evaluated here only.
                boolean evalStep = settings.evalSteps() > 0 && (b + 1) % settings.evalSteps() == 0;
                boolean epochEnd = b == stepsPerEpoch - 1;
                if (evalStep || epochEnd) {
                    run.evaluate(step, epoch);
                    if (settings.earlyStopping() > 0 && run.sinceBest >= settings.earlyStopping()) {
                        stoppedEarlyAt = step;
                        say("early stopping at step " + step + ": " + run.sinceBest
                                + " evaluations without a new best dev Spearman");
                        break training;
                    }
                }
            }
        }
        cancel.throwIfCancelled();
        write(() -> sink.saveFinal(session));
        if (run.best == null) {
            say("fine-tuning did not improve on the original: no evaluation after training beat its dev Spearman "
                    + format(baseline.record().spearman()));
        }
        Verdict verdict = run.verdict(evals.get(evals.size() - 1));
        return new TrainResult(step, evals, run.best, stoppedEarlyAt, verdict);
    }

    /** What the run had done when it stopped (for a cancelled or diverged run's record). */
    public TrainResult progress() {
        return new TrainResult(stepSoFar, evalsSoFar, bestSoFar);
    }

    /** The state of one run: its best so far and the cosines the verdict needs. */
    private final class Run {
        final TrainingSession session;
        final List<SentencePair> dev;
        final List<SentencePair> test;
        final ModelSink sink;
        final CancelToken cancel;
        final List<EvalRecord> evals;
        EvalRecord best;
        int sinceBest;
        double[] baseDev;
        double[] bestDev;
        double[] lastDev;
        double[] baseTest;
        double[] bestTest;

        Run(TrainingSession session, List<SentencePair> dev, List<SentencePair> test, ModelSink sink,
            CancelToken cancel, List<EvalRecord> evals) {
            this.session = session;
            this.dev = dev;
            this.test = test;
            this.sink = sink;
            this.cancel = cancel;
            this.evals = evals;
        }

        void evaluate(int step, int epoch) throws WorkbenchException {
            Scored e = Trainer.this.evaluate(session, dev, step, epoch, cancel);
            evals.add(e.record());
            lastDev = e.cosine();
            double bar = best != null ? best.spearman() : evals.get(0).spearman();
            double now = e.record().spearman();
            if (now > bar || (best == null && Double.isNaN(bar) && !Double.isNaN(now))) {
                write(() -> sink.saveBest(session, e.record()));
                best = e.record();
                bestSoFar = best;
                bestDev = e.cosine();
                // The test pairs are scored, never looked at, when a model becomes the best.
                bestTest = test.isEmpty() ? null : cosines(session, test, cancel);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }

        Verdict verdict(EvalRecord last) throws CancelledException {
            Evaluator evaluator = Evaluator.standard();
            boolean useBest = best != null;
            double[] chosenDev = useBest ? bestDev : lastDev;
            EvalRecord chosen = useBest ? best : last;
            PairedDifference devDiff = evaluator.compare(dev, chosenDev, baseDev);
            PairedDifference testDiff = null;
            double testBase = Double.NaN;
            double testChosen = Double.NaN;
            int testN = 0;
            if (!test.isEmpty()) {
                double[] chosenTest = useBest ? bestTest : cosines(session, test, cancel);
                testDiff = evaluator.compare(test, chosenTest, baseTest);
                double[] gold = test.stream().filter(SentencePair::hasGold).mapToDouble(SentencePair::gold).toArray();
                testN = gold.length;
                testBase = Correlation.spearman(withGold(test, baseTest), gold);
                testChosen = Correlation.spearman(withGold(test, chosenTest), gold);
            }
            return new Verdict(useBest ? "best" : "final", chosen.step(), dev.size(), evals.get(0).spearman(),
                    chosen.spearman(), devDiff, testN, testBase, testChosen, testDiff);
        }
    }

    private static double[] withGold(List<SentencePair> pairs, double[] values) {
        return java.util.stream.IntStream.range(0, pairs.size()).filter(i -> pairs.get(i).hasGold())
                .mapToDouble(i -> values[i]).toArray();
    }

    private StepRecord step(TrainingSession session, List<TrainPair> batch, PairLoss loss, double lr,
                            WeightDecayGroups decay, int step, int epoch, long started)
            throws WorkbenchException {
        List<String> first = batch.stream().map(TrainPair::sentence1).toList();
        List<String> second = batch.stream().map(TrainPair::sentence2).toList();
        double[] labels = batch.stream().mapToDouble(TrainPair::label).toArray();
        PairLoss.LossValue value;
        try (TrainingSession.Forward pass = session.forward(List.of(first, second))) {
            value = loss.evaluate(pass.embeddings(0), pass.embeddings(1), labels);
            if (!Double.isFinite(value.loss())) {
                diverged(step, "loss is " + value.loss());
            }
            pass.backward(new float[][][] {value.gradU(), value.gradV()});
        }
        double norm = session.gradientNorm();
        if (!Double.isFinite(norm)) {
            session.zeroGradients();
            diverged(step, "gradient norm is " + norm + " (loss " + value.loss() + ")");
        }
        // clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is below 1.
        double clip = settings.maxGradNorm() / (norm + 1e-6);
        if (clip < 1) {
            session.scaleGradients(clip);
        }
        session.adamWStep(lr, decay);
        return new StepRecord(step, epoch, lr, value.loss(), norm, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The weights that gave a non-finite loss are not worth keeping: no final model is written,
     * and the last good one on disk is the best model so far (if any evaluation beat the original).
     */
    private void diverged(int step, String what) throws TrainingDivergedException {
        throw new TrainingDivergedException("step " + step + ": " + what + "; training stopped (learning rate too"
                + " high?). No final model was written; " + (bestSoFar != null
                ? "the last good model is the best one, from step " + bestSoFar.step()
                : "no evaluation had improved on the original model, which is unchanged") + ".", step);
    }

    /** The cosine of every pair, in order. */
    private static double[] cosines(TrainingSession session, List<SentencePair> pairs, CancelToken cancel)
            throws CancelledException {
        // Not closed: the scorer would close the session's model.
        return new EmbeddingPairScorer(session.model()).embed(pairs, ProgressListener.NONE, cancel)
                .similarities(SimilarityFunction.COSINE);
    }

    private record Scored(EvalRecord record, double[] cosine) {
    }

    private Scored evaluate(TrainingSession session, List<SentencePair> dev, int step, int epoch,
                            CancelToken cancel) throws WorkbenchException {
        double[] cos = cosines(session, dev, cancel);
        for (int i = 0; i < cos.length; i++) {
            if (!Double.isFinite(cos[i])) {
                // Ranking would refuse the NaN ("NaN is not allowed"): say what it means instead.
                if (step == 0) {
                    throw new WorkbenchException("the base model gives a cosine of " + cos[i] + " for dev pair at line "
                            + dev.get(i).line() + ": its weights are not usable");
                }
                diverged(step, "the dev cosine of the pair at line " + dev.get(i).line() + " is " + cos[i]
                        + " (the weights are no longer finite)");
            }
        }
        double[] gold = dev.stream().mapToDouble(SentencePair::gold).toArray();
        EvalRecord e = new EvalRecord(step, epoch, Correlation.pearson(cos, gold), Correlation.spearman(cos, gold));
        listeners.forEach(l -> l.evaluated(e));
        return new Scored(e, cos);
    }

    private void say(String line) {
        listeners.forEach(l -> l.message(line));
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write w) throws WorkbenchException {
        try {
            w.run();
        } catch (IOException e) {
            throw new WorkbenchException("cannot write the trained model: " + e.getMessage(), e);
        }
    }

    static String format(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
    }
}
