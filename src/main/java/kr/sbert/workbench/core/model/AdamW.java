package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@code torch.optim.AdamW} (betas 0.9/0.999, eps 1e-8, no amsgrad) on float32 NDArrays, in
 * place: decoupled decay {@code p *= 1 − lr·wd}, then {@code m = β1·m + (1−β1)·g},
 * {@code v = β2·v + (1−β2)·g²}, {@code p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps)}. The step count
 * is shared by all parameters, as every parameter here takes part in every step. Call with
 * autograd off.
 */
final class AdamW {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final NDManager stateManager;
    private final Map<NDArray, NDArray[]> moments = new IdentityHashMap<>();
    private long step;

    AdamW(NDManager stateManager) {
        this.stateManager = stateManager;
    }

    /** Starts a step: the bias corrections of all parameters use its number. */
    void beginStep() {
        step++;
    }

    long steps() {
        return step;
    }

    /**
     * Updates one parameter from its gradient with this step's rate and the parameter's decay.
     * Large tensors (the word embeddings) are updated in row blocks of views, so no temporary is
     * larger than {@link Chunks#ELEMENTS}: fresh half-gigabyte temporaries cost page faults and
     * peak memory. The gradient is consumed (scaled in place).
     */
    void update(NDArray param, NDArray grad, double lr, double weightDecay) {
        NDArray[] mv = moments.computeIfAbsent(param, p -> new NDArray[] {
            stateManager.zeros(p.getShape(), p.getDataType()), stateManager.zeros(p.getShape(), p.getDataType())});
        Chunks.forEachBlock(new NDArray[] {param, grad, mv[0], mv[1]},
                b -> updateBlock(b[0], b[1], b[2], b[3], lr, weightDecay));
    }

    private void updateBlock(NDArray param, NDArray grad, NDArray m, NDArray v, double lr, double weightDecay) {
        // Temporaries are closed at once: on a 40,000-word vocabulary one is half a gigabyte.
        if (lr * weightDecay != 0) {
            param.muli((float) (1 - lr * weightDecay));
        }
        NDArray squared = grad.square();
        squared.muli((float) (1 - BETA2));
        v.muli((float) BETA2).addi(squared);
        squared.close();
        // The gradient is not needed after this step: scale it in place instead of copying it.
        grad.muli((float) (1 - BETA1));
        m.muli((float) BETA1).addi(grad);
        double biasCorrection1 = 1 - Math.pow(BETA1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, step));
        double stepSize = lr / biasCorrection1;
        if (stepSize != 0) {
            NDArray denom = v.sqrt();
            denom.divi((float) biasCorrection2Sqrt).addi((float) EPS);
            NDArray update = m.div(denom);
            denom.close();
            update.muli((float) stepSize);
            param.subi(update);
            update.close();
        }
    }

    void close() {
        moments.values().forEach(mv -> {
            mv[0].close();
            mv[1].close();
        });
        moments.clear();
    }
}
