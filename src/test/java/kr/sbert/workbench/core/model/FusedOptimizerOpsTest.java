package kr.sbert.workbench.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused TorchScript kernels against AdamW, clip_grad_norm_'s norm and scaling worked out by
 * hand (β1 0.9, β2 0.999, eps 1e-8).
 */
class FusedOptimizerOpsTest {
    private static final float TOL = 1e-6f;
    private static FusedOptimizerOps ops;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        ops = FusedOptimizerOps.load();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
        ops.close();
    }

    @Test
    void twoAdamWStepsWithAndWithoutDecayFollowTheFormula() {
        NDArray p = manager.create(new float[] {1f, -2f});
        NDArray m = manager.zeros(p.getShape());
        NDArray v = manager.zeros(p.getShape());
        NDArray q = manager.create(new float[] {3f});
        NDArray mq = manager.zeros(q.getShape());
        NDArray vq = manager.zeros(q.getShape());
        double lr = 0.1;

        // Step 1, p with decay 0.5, g = (0.5, −0.25): p·(1 − 0.1·0.5) = (0.95, −1.9);
        // m = 0.1·g = (0.05, −0.025), v = 0.001·g² = (0.00025, 0.0000625);
        // m̂ = m/0.1 = g, v̂ = v/0.001 = g², so the update is lr·g/(|g| + eps) = (0.1, −0.1)
        // (to 2e-9): p = (0.85, −1.8).
        ops.adamW(List.of(p), List.of(manager.create(new float[] {0.5f, -0.25f})), List.of(m), List.of(v),
                1, lr, 0.9, 0.999, 0.5, 1e-8);
        assertClose(m, 0.05f, -0.025f);
        assertClose(v, 0.00025f, 0.0000625f);
        assertClose(p, 0.85f, -1.8f);
        // q without decay, g = −1: q = 3 − 0.1·(−1)/(1 + eps) = 3.1.
        ops.adamW(List.of(q), List.of(manager.create(new float[] {-1f})), List.of(mq), List.of(vq),
                1, lr, 0.9, 0.999, 0, 1e-8);
        assertClose(q, 3.1f);

        // Step 2 on p, g = (0.1, 0.2): decay p·0.95 = (0.8075, −1.71);
        // m = 0.9·(0.05, −0.025) + 0.1·(0.1, 0.2) = (0.055, −0.0025);
        // v = 0.999·(0.00025, 0.0000625) + 0.001·(0.01, 0.04) = (0.00025975, 0.000102437500);
        // bias corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999:
        // first element: m̂ = 0.289474, √v̂ = √0.129940 = 0.360472, step 0.1·0.289474/0.360472 = 0.080304,
        // p = 0.8075 − 0.080304 = 0.727196; second: m̂ = −0.0131579, √v̂ = √0.0512444 = 0.226372,
        // step −0.00581253, p = −1.71 + 0.00581253 = −1.704187.
        ops.adamW(List.of(p), List.of(manager.create(new float[] {0.1f, 0.2f})), List.of(m), List.of(v),
                2, lr, 0.9, 0.999, 0.5, 1e-8);
        assertClose(m, 0.055f, -0.0025f);
        assertClose(v, 0.00025975f, 0.0001024375f);
        assertClose(p, 0.727196f, -1.704187f);
    }

    @Test
    void totalNormIsTheNormOfTheNormsAndScalingIsInPlace() {
        NDArray a = manager.create(new float[] {3f, 4f});
        NDArray b = manager.create(new float[][] {{12f}});
        // ‖(3, 4)‖ = 5, ‖(12)‖ = 12, ‖(5, 12)‖ = 13
        assertThat(ops.totalNorm(List.of(a, b))).isCloseTo(13.0, within(1e-5));
        ops.scale(List.of(a, b), 0.5);
        assertClose(a, 1.5f, 2f);
        assertClose(b, 6f);
    }

    @Test
    void totalNormOfALargeDenseTensorKeepsFloat32Precision() {
        try (NDManager scope = manager.newSubManager()) {
            // 4,096 × 768 values of about 1e-3: libtorch's one-piece float32 norm was off by 4.4e-5
            // relative on 3,072 × 768; the exact value is summed in double from the same floats
            NDArray g = scope.randomNormal(new ai.djl.ndarray.types.Shape(4096, 768)).muli(1e-3f);
            NDArray small = scope.create(new float[] {3e-3f});
            double exact = (double) 3e-3f * 3e-3f;
            for (float x : g.toFloatArray()) {
                exact += (double) x * x;
            }
            exact = Math.sqrt(exact);
            assertThat(ops.totalNorm(List.of(g, small))).isCloseTo(exact, within(exact * 1e-6));
        }
    }

    @Test
    void fusedAndDjlPathsOfAdamWAgreeOverStepsIncludingARowBlockedTensor() {
        // 1,100 × 1,000 is above Chunks.ELEMENTS, so the DJL path updates it in row blocks
        long[][] shapes = {{1100, 1000}, {7}};
        double[] decays = {0.01, 0};
        try (NDManager scope = manager.newSubManager()) {
            AdamW fusedAdam = new AdamW(scope, ops);
            AdamW djlAdam = new AdamW(scope, null);
            assertThat(fusedAdam.isFused()).isTrue();
            assertThat(djlAdam.isFused()).isFalse();
            List<NDArray> a = new ArrayList<>();
            List<NDArray> b = new ArrayList<>();
            for (long[] shape : shapes) {
                NDArray p = scope.randomNormal(new ai.djl.ndarray.types.Shape(shape));
                a.add(p);
                b.add(p.duplicate());
            }
            for (int step = 1; step <= 3; step++) {
                fusedAdam.beginStep();
                djlAdam.beginStep();
                for (int i = 0; i < shapes.length; i++) {
                    NDArray g = scope.randomNormal(a.get(i).getShape()).muli(0.01f * step);
                    fusedAdam.updateGroup(List.of(a.get(i)), List.of(g), 2e-3, decays[i]);
                    // the DJL path consumes its gradient: give it a copy
                    djlAdam.updateGroup(List.of(b.get(i)), List.of(g.duplicate()), 2e-3, decays[i]);
                }
            }
            for (int i = 0; i < shapes.length; i++) {
                float maxDiff = a.get(i).sub(b.get(i)).abs().max().getFloat();
                // a few float32 ulps (values up to ~5 have ulps of 5e-7) from differently ordered
                // expressions; a wrong formula would be off by about a step, lr = 2e-3
                assertThat(maxDiff).as("parameter %d", i).isLessThan(5e-6f);
            }
            fusedAdam.close();
            djlAdam.close();
        }
    }

    @Test
    void aTrainingSessionRunsTheFusedPath(@TempDir Path tmp) throws Exception {
        try (TrainingSession session = TrainingSession.open(TinyFolders.root(tmp.resolve("m")), "tiny",
                SentenceTransformerModel.Options.DEFAULT, 1)) {
            assertThat(session.optimizerKind()).isEqualTo(TrainingSession.FUSED);
        }
    }

    private static void assertClose(NDArray actual, float... expected) {
        float[] values = actual.toFloatArray();
        assertThat(values).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i]).as("element %d", i).isCloseTo(expected[i], within(TOL));
        }
    }
}
