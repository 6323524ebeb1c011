package kr.sbert.workbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dropout at the tiny model's own 0.1: seeded (the same seed repeats every loss exactly, another
 * seed gives other losses), and never applied when evaluating.
 */
class DropoutTest {
    @TempDir
    Path tmp;

    @Test
    void theSameSeedRepeatsExactlyAndAnotherSeedDiffers() throws Exception {
        Path base = TrainFixtures.tinyWithDropout(tmp.resolve("base"), 0.1, 0.1);
        List<Double> first = losses(base, 7);
        List<Double> again = losses(base, 7);
        List<Double> other = losses(base, 8);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
    }

    @Test
    void evaluationIgnoresDropout() throws Exception {
        Path withDropout = TrainFixtures.tinyWithDropout(tmp.resolve("dropout"), 0.1, 0.1);
        Path without = TrainFixtures.tinyWithDropout(tmp.resolve("none"), 0.0, 0.0);
        List<String> texts = List.of("한 남자가 기타를 치고 있다.", "비행기가 이륙하고 있다.");
        try (TrainingSession a = TrainingSession.open(withDropout, "a", SentenceTransformerModel.Options.DEFAULT, 3);
             TrainingSession b = TrainingSession.open(without, "b", SentenceTransformerModel.Options.DEFAULT, 3)) {
            assertThat(a.dropout().hidden()).isEqualTo(0.1);
            assertThat(a.model().encode(texts)).isDeepEqualTo(b.model().encode(texts));
            // Loaded for training or not, inference gives the same bits.
            try (SentenceTransformerModel plain = SentenceTransformerModel.load(withDropout)) {
                assertThat(a.model().encode(texts)).isDeepEqualTo(plain.encode(texts));
            }
            // A training forward pass with dropout gives other embeddings than inference.
            try (TrainingSession.Forward pass = a.forward(List.of(texts))) {
                assertThat(pass.embeddings(0)).isNotEqualTo(a.model().encode(texts));
            }
        }
    }

    /** The losses of four steps of the cosine fixture's run, with dropout seeded by {@code seed}. */
    private static List<Double> losses(Path base, long seed) throws Exception {
        JsonObject expected = TrainFixtures.expected("cosine");
        TrainSettings s = TrainFixtures.settings(expected);
        TrainSettings short4 = new TrainSettings(s.loss(), 1, s.batchSize(), s.lr(), s.warmupSteps(), 0,
                s.weightDecay(), s.maxGradNorm(), 0, false, seed, 0);
        List<Double> losses = new ArrayList<>();
        TrainListener collect = new TrainListener() {
            @Override
            public void step(StepRecord step) {
                losses.add(step.loss());
            }
        };
        try (TrainingSession session = TrainingSession.open(base, "tiny", SentenceTransformerModel.Options.DEFAULT,
                seed)) {
            new Trainer(short4, collect).run(session, TrainFixtures.trainPairs(expected).subList(0, 32),
                    TrainFixtures.devPairs(expected), ModelSink.NONE, CancelToken.NONE);
        }
        return losses;
    }
}
