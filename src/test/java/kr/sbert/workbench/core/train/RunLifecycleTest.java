package kr.sbert.workbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a run ends when it does not end normally: cancelled mid-epoch, or diverged. */
class RunLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void aRunCancelledMidEpochLeavesNoFinalModelAndNoTemporaryFolder() throws Exception {
        JsonObject expected = TrainFixtures.expected("cosine");
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        RunDirectory run = RunDirectory.create(tmp.resolve("run"));
        CancelToken cancel = new CancelToken();
        TrainListener cancelAtStep3 = cancelAt(3, cancel);
        try (TrainingSession session = TrainingSession.open(base, "tiny", SentenceTransformerModel.Options.DEFAULT, 1)) {
            Trainer trainer = new Trainer(TrainFixtures.settings(expected), cancelAtStep3);
            assertThatThrownBy(() -> trainer.run(session, TrainFixtures.trainPairs(expected),
                    TrainFixtures.devPairs(expected), run, cancel)).isInstanceOf(CancelledException.class);
        }
        assertThat(run.finalModel()).doesNotExist();
        try (Stream<Path> left = Files.list(run.dir())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aNonFiniteLossStopsAtOnceWithOneLineAndWritesNoFinalModel() throws Exception {
        JsonObject expected = TrainFixtures.expected("cosine");
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        RunDirectory run = RunDirectory.create(tmp.resolve("run"));
        // No warmup and a rate of 1e30: after one AdamW step the weights are ±1e30 and the next
        // forward pass overflows.
        TrainSettings s = TrainFixtures.settings(expected);
        TrainSettings wild = new TrainSettings(s.loss(), 1, s.batchSize(), 1e30, 0, 0, 0, 1.0, 0, false, 1, 0);
        List<TrainPair> train = TrainFixtures.trainPairs(expected);
        List<SentencePair> dev = TrainFixtures.devPairs(expected);
        try (TrainingSession session = TrainingSession.open(base, "tiny", SentenceTransformerModel.Options.DEFAULT, 1)) {
            assertThatThrownBy(() -> new Trainer(wild).run(session, train, dev, run, CancelToken.NONE))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageStartingWith("step 2: ")
                    .hasMessageContaining("learning rate too high?")
                    .hasMessageNotContaining("\n");
        }
        assertThat(run.finalModel()).doesNotExist();
    }

    @Test
    void aCancelledRunIsRecordedAsCancelledAndItsBestIsLabelledAsFromTheUnfinishedRun() throws Exception {
        JsonObject expected = TrainFixtures.expected("cosine");
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.0, 0.0);
        RunDirectory run = RunDirectory.create(tmp.resolve("run"));
        java.nio.file.Files.writeString(run.settings(), "{}");
        CancelToken cancel = new CancelToken();
        // Evaluated every step: the fixture's dev Spearman rises at first, so best/ exists by step 3.
        TrainSettings s = TrainFixtures.settings(expected);
        TrainSettings everyStep = new TrainSettings(s.loss(), s.epochs(), s.batchSize(), s.lr(), s.warmupSteps(),
                s.warmupRatio(), s.weightDecay(), s.maxGradNorm(), 1, s.shuffle(), s.seed(), 0);
        TrainListener cancelAtStep3 = cancelAt(3, cancel);
        try (TrainingSession session = TrainingSession.open(base, "tiny", SentenceTransformerModel.Options.DEFAULT, 1)) {
            assertThatThrownBy(() -> new TrainRun(run, everyStep).execute(session, TrainFixtures.trainPairs(expected),
                    TrainFixtures.devPairs(expected), List.of(), null, cancel, cancelAtStep3))
                    .isInstanceOf(CancelledException.class);
        }
        RunRecord record = RunRecord.read(run.record());
        assertThat(record.state()).isEqualTo(RunState.CANCELLED);
        assertThat(record.steps()).isEqualTo(3);
        assertThat(record.verdict()).isNull();
        assertThat(run.finalModel()).doesNotExist();
        RunFolder folder = RunFolder.read(run.dir());
        if (folder.hasBest()) {
            assertThat(record.bestFromUnfinishedRun()).isTrue();
            assertThat(folder.stateLabel()).isEqualTo("cancelled (best/ from step " + record.bestStep()
                    + " of the unfinished run)");
        } else {
            assertThat(folder.stateLabel()).isEqualTo("cancelled");
        }
        assertThat(folder.evaluations()).extracting(EvalRecord::step).doesNotHaveDuplicates();
        try (Stream<Path> left = Files.list(run.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> !n.startsWith("."));
        }
    }

    /** A listener that cancels the run once step {@code step} is reported. */
    private static TrainListener cancelAt(int step, CancelToken cancel) {
        return new TrainListener() {
            @Override
            public void step(StepRecord reported) {
                if (reported.step() == step) {
                    cancel.cancel();
                }
            }
        };
    }
}
