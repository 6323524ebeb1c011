package kr.sbert.workbench.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.testing.Fixtures;
import kr.sbert.workbench.testing.TrainFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training the tiny model exactly as sentence-transformers 2.3.1 {@code fit()} did it for the
 * fixtures (dropout 0): every step's rate, loss and gradient norm, every dev evaluation, and the
 * final model's embeddings of the probe sentences.
 */
class FitFixtureTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tiny-kr-sbert.train-cosine", "tiny-kr-sbert.train-cosent", "tiny-xlmr-unigram.train-cosent"})
    void stepsEvaluationsAndFinalEmbeddingsMatchSentenceTransformers(String oracle) throws Exception {
        checkOracle(oracle, TrainingSession.FUSED);
    }

    /** The fallback optimizer path (DJL's elementwise ops) keeps to the same oracle. */
    @Test
    void theDjlOpsOptimizerPathMatchesSentenceTransformersToo() throws Exception {
        System.setProperty(TrainingSession.DJL_OPS_PROPERTY, "true");
        try {
            checkOracle("tiny-kr-sbert.train-cosent", TrainingSession.DJL_OPS);
        } finally {
            System.clearProperty(TrainingSession.DJL_OPS_PROPERTY);
        }
    }

    private void checkOracle(String oracle, String optimizerKind) throws Exception {
        JsonObject expected = TrainFixtures.oracle(oracle);
        String loss = oracle;
        List<TrainPair> train = TrainFixtures.trainPairs(expected);
        assertTrainPairsAreTheKorStsLines(expected, train);
        Path base = TrainFixtures.withDropout(TrainFixtures.baseModel(oracle), tmp.resolve("base"), 0.0, 0.0);
        List<StepRecord> steps = new ArrayList<>();
        List<EvalRecord> evals = new ArrayList<>();
        TrainListener collect = new TrainListener() {
            @Override
            public void step(StepRecord step) {
                steps.add(step);
            }

            @Override
            public void evaluated(EvalRecord eval) {
                evals.add(eval);
            }
        };
        try (TrainingSession session = TrainingSession.open(base, "tiny",
                SentenceTransformerModel.Options.DEFAULT, 1)) {
            assertThat(session.optimizerKind()).isEqualTo(optimizerKind);
            new Trainer(TrainFixtures.settings(expected), collect)
                    .run(session, train, TrainFixtures.devPairs(expected), ModelSink.NONE, CancelToken.NONE);

            JsonArray expectedSteps = expected.getAsJsonArray("steps");
            assertThat(steps).hasSize(expectedSteps.size());
            for (int i = 0; i < steps.size(); i++) {
                JsonObject e = expectedSteps.get(i).getAsJsonObject();
                StepRecord got = steps.get(i);
                String where = loss + " step " + got.step();
                assertThat(got.step()).as(where).isEqualTo(e.get("step").getAsInt());
                assertThat(got.epoch()).as(where).isEqualTo(e.get("epoch").getAsInt());
                double lr = e.get("lr").getAsDouble();
                assertThat(got.lr()).as(where + " lr").isCloseTo(lr, within(Math.abs(lr) * 1e-6));
                assertThat(got.loss()).as(where + " loss").isCloseTo(e.get("loss").getAsDouble(), within(2e-5));
                double norm = e.get("grad_norm_before_clip").getAsDouble();
                assertThat(got.gradNorm()).as(where + " grad_norm").isCloseTo(norm, within(norm * 1e-3));
            }

            // Dev cosines near 0.99 rank differently under float rounding: the oracle states how far its
            // own float32 and float64 runs' Spearman differ, and a float32 reimplementation may land there too.
            double rankNoise = expected.has("noise_float32_vs_float64")
                    ? expected.getAsJsonObject("noise_float32_vs_float64").get("dev_spearman_max_abs").getAsDouble() : 0;
            double evalTolerance = Math.max(1e-4, rankNoise * 1.01);
            JsonArray expectedEvals = expected.getAsJsonArray("evaluations");
            assertThat(evals).hasSize(expectedEvals.size());
            for (int i = 0; i < evals.size(); i++) {
                JsonObject e = expectedEvals.get(i).getAsJsonObject();
                EvalRecord got = evals.get(i);
                String where = loss + " evaluation after step " + got.step();
                assertThat(got.step()).as(where).isEqualTo(e.get("after_step").getAsInt());
                assertThat(got.pearson()).as(where).isCloseTo(e.get("pearson_cosine").getAsDouble(), within(1e-4));
                assertThat(got.spearman()).as(where).isCloseTo(e.get("spearman_cosine").getAsDouble(), within(evalTolerance));
            }

            JsonArray probes = expected.getAsJsonArray("probe_embeddings_after_epoch");
            JsonArray last = probes.get(probes.size() - 1).getAsJsonObject().getAsJsonArray("embeddings");
            float[][] got = session.model().encode(Fixtures.strings(expected.getAsJsonArray("probe_texts")));
            for (int i = 0; i < got.length; i++) {
                float[] want = Fixtures.floats(last.get(i).getAsJsonArray());
                for (int k = 0; k < want.length; k++) {
                    assertThat((double) got[i][k]).as(loss + " probe " + i + "[" + k + "]")
                            .isCloseTo(want[k], within(1e-4));
                }
            }
        }
    }

    /** The fixture's pairs are the KorSTS lines its settings name, as our reader reads them. */
    private static void assertTrainPairsAreTheKorStsLines(JsonObject expected, List<TrainPair> train) throws Exception {
        JsonObject data = expected.getAsJsonObject("data").getAsJsonObject("train");
        StsDataset korsts = StsReader.read(Fixtures.shared().resolve(data.get("file").getAsString()),
                ReadOptions.defaults());
        int first = Integer.parseInt(data.get("lines").getAsString().split(":")[0]);
        List<TrainPair> fromFile = TrainData.trainPairs(new StsDataset(korsts.source(), korsts.format(),
                korsts.encoding(), korsts.goldScale(), korsts.pairs().stream()
                        .filter(p -> p.line() >= first && p.line() < first + train.size()).toList(), List.of()));
        assertThat(fromFile).isEqualTo(train);
    }
}
