package kr.sbert.workbench.core.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;

/**
 * One training run into its {@link RunDirectory}, as {@code train} and the Train tab both do it:
 * {@code run.json} says {@code running} from the start, {@code train-log.jsonl} gets every step and
 * evaluation, and however the run ends (finished, cancelled, diverged) {@code run.json} says so,
 * with the verdict when it finished, and the temporary folders it made are gone.
 */
public final class TrainRun {
    private final RunDirectory dir;
    private final TrainSettings settings;

    public TrainRun(RunDirectory dir, TrainSettings settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /**
     * Trains; see {@link Trainer#run}. The exceptions of {@link Trainer#run} pass through after
     * {@code run.json} records them.
     *
     * @param test     test pairs (empty: none)
     * @param testFile the test file's name for the record, or null
     */
    public TrainResult execute(TrainingSession session, List<TrainPair> train, List<SentencePair> dev,
                               List<SentencePair> test, String testFile, CancelToken cancel,
                               TrainListener... listeners) throws WorkbenchException, IOException {
        int perEpoch = settings.stepsPerEpoch(train.size());
        int total = settings.totalSteps(train.size());
        int devShared = TrainData.sharingTrainingSentences(train, dev);
        int testShared = test.isEmpty() ? -1 : TrainData.sharingTrainingSentences(train, test);
        List<String> said = new ArrayList<>();
        TrainListener messages = new TrainListener() {
            @Override
            public void message(String line) {
                said.add(line);
            }
        };
        new RunRecord(RunState.RUNNING, Double.NaN, 0, total, perEpoch, -1, -1, Double.NaN, Double.NaN, Double.NaN,
                null, devShared, testShared, testFile, "").write(dir.record());
        long started = System.nanoTime();
        List<TrainListener> all = new ArrayList<>(List.of(listeners));
        all.add(messages);
        try (TrainLog log = new TrainLog(dir.log())) {
            all.add(0, log);
            Trainer trainer = new Trainer(settings, all.toArray(TrainListener[]::new));
            try {
                TrainResult r = trainer.run(session, train, dev, test, dir, cancel);
                record(RunState.FINISHED, r, started, total, perEpoch, devShared, testShared, testFile,
                        String.join(" ", said));
                return r;
            } catch (CancelledException e) {
                TrainResult p = trainer.progress();
                record(RunState.CANCELLED, p, started, total, perEpoch, devShared, testShared, testFile,
                        "cancelled after step " + p.steps() + (p.best() == null ? ""
                                : "; best/ is from step " + p.best().step() + " of this unfinished run"));
                throw e;
            } catch (TrainingDivergedException e) {
                record(RunState.DIVERGED, trainer.progress(), started, total, perEpoch, devShared, testShared,
                        testFile, e.getMessage());
                throw e;
            }
        } finally {
            dir.removeLeftovers();
        }
    }

    private void record(RunState state, TrainResult r, long started, int total, int perEpoch, int devShared,
                        int testShared, String testFile, String message) throws IOException {
        List<EvalRecord> evals = r.evaluations();
        double base = evals.isEmpty() ? Double.NaN : evals.get(0).spearman();
        double last = evals.isEmpty() ? Double.NaN : evals.get(evals.size() - 1).spearman();
        new RunRecord(state, (System.nanoTime() - started) / 1e9, r.steps(), total, perEpoch, r.stoppedEarlyAt(),
                r.best() == null ? -1 : r.best().step(), base, r.best() == null ? Double.NaN : r.best().spearman(),
                last, r.verdict(), devShared, testShared, testFile, message).write(dir.record());
    }
}
