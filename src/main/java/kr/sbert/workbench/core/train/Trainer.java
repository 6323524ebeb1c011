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
 * {@code evalSteps} optimizer steps counted over the whole run, and at each epoch end (once per
 * step when these coincide). A NaN or infinite loss or gradient stops the run at once. One run
 * at a time per instance.
 */
public final class Trainer {
    private final TrainSettings settings;
    private final List<TrainListener> listeners;
    /** The best evaluation so far of the run in progress. */
    private EvalRecord bestSoFar;

    public Trainer(TrainSettings settings, TrainListener... listeners) {
        this.settings = settings;
        this.listeners = List.of(listeners);
    }

    /**
     * Trains {@code session}'s model in place.
     *
     * @param dev pairs with gold for the evaluations
     * @throws CancelledException         when cancelled (nothing is written as final)
     * @throws TrainingDivergedException  when a loss or gradient was not finite (no final model is
     *                                    written; the best so far stays)
     */
    public TrainResult run(TrainingSession session, List<TrainPair> train, List<SentencePair> dev, ModelSink sink,
                           CancelToken cancel) throws WorkbenchException {
        int stepsPerEpoch = settings.stepsPerEpoch(train.size());
        int total = stepsPerEpoch * settings.epochs();
        WarmupLinearSchedule schedule = new WarmupLinearSchedule(total, settings.warmupFor(total));
        WeightDecayGroups decay = new WeightDecayGroups(settings.weightDecay());
        PairLoss loss = settings.loss().create();
        List<EvalRecord> evals = new ArrayList<>();
        EvalRecord best = null;
        bestSoFar = null;

        EvalRecord baseline = evaluate(session, dev, 0, 0, cancel);
        evals.add(baseline);
        listeners.forEach(l -> l.started(total, stepsPerEpoch));
        long started = System.nanoTime();
        Random shuffle = new Random(settings.seed());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            order.add(i);
        }
        int step = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            if (settings.shuffle()) {
                Collections.shuffle(order, shuffle);
            }
            for (int b = 0; b < stepsPerEpoch; b++) {
                cancel.throwIfCancelled();
                List<TrainPair> batch = new ArrayList<>();
                for (int i = b * settings.batchSize(); i < Math.min(train.size(), (b + 1) * settings.batchSize()); i++) {
                    batch.add(train.get(order.get(i)));
                }
                double lr = settings.lr() * schedule.multiplier(step);
                step++;
                StepRecord record = step(session, batch, loss, lr, decay, step, epoch, started);
                listeners.forEach(l -> l.step(record));
                if (settings.evalSteps() > 0 && step % settings.evalSteps() == 0) {
                    best = evaluateAndKeep(session, dev, step, epoch, cancel, evals, best, sink);
                }
            }
            if (evals.get(evals.size() - 1).step() != step) {
                best = evaluateAndKeep(session, dev, step, epoch, cancel, evals, best, sink);
            }
        }
        cancel.throwIfCancelled();
        write(() -> sink.saveFinal(session));
        if (best == null) {
            say("fine-tuning did not improve on the original: no evaluation after training beat its dev Spearman "
                    + format(baseline.spearman()));
        }
        return new TrainResult(step, evals, best);
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

    private EvalRecord evaluateAndKeep(TrainingSession session, List<SentencePair> dev, int step, int epoch,
                                       CancelToken cancel, List<EvalRecord> evals, EvalRecord best, ModelSink sink)
            throws WorkbenchException {
        EvalRecord e = evaluate(session, dev, step, epoch, cancel);
        evals.add(e);
        double bar = best != null ? best.spearman() : evals.get(0).spearman();
        if (e.spearman() > bar || (best == null && Double.isNaN(bar) && !Double.isNaN(e.spearman()))) {
            write(() -> sink.saveBest(session, e));
            bestSoFar = e;
            return e;
        }
        return best;
    }

    private EvalRecord evaluate(TrainingSession session, List<SentencePair> dev, int step, int epoch,
                                CancelToken cancel) throws CancelledException {
        // Not closed: the scorer would close the session's model.
        double[] cos = new EmbeddingPairScorer(session.model()).embed(dev, ProgressListener.NONE, cancel)
                .similarities(SimilarityFunction.COSINE);
        double[] gold = dev.stream().mapToDouble(SentencePair::gold).toArray();
        EvalRecord e = new EvalRecord(step, epoch, Correlation.pearson(cos, gold), Correlation.spearman(cos, gold));
        listeners.forEach(l -> l.evaluated(e));
        return e;
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
