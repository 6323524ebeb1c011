package kr.sbert.workbench.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.AdamW} (betas 0.9/0.999, eps 1e-8, no amsgrad) on float32 NDArrays, in
 * place: decoupled decay {@code p *= 1 − lr·wd}, then {@code m = β1·m + (1−β1)·g},
 * {@code v = β2·v + (1−β2)·g²}, {@code p −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps)}. The step count
 * is shared by all parameters, as every parameter here takes part in every step. Call with
 * autograd off.
 *
 * <p>Two paths: with {@link FusedOptimizerOps} a decay group is one call of libtorch's
 * {@code _fused_adamw_} (one pass over memory per parameter, no temporaries); without, DJL's
 * in-place ops per parameter, in row blocks ({@link Chunks}) to keep temporaries small. The
 * moments are whole tensors either way.
 */
final class AdamW {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final NDManager stateManager;
    /** The fused kernel, or null for DJL's ops. */
    private final FusedOptimizerOps fused;
    private final Map<NDArray, NDArray[]> moments = new IdentityHashMap<>();
    private long step;

    /** @param fused libtorch's fused kernel, or null to use DJL's in-place ops */
    AdamW(NDManager stateManager, FusedOptimizerOps fused) {
        this.stateManager = stateManager;
        this.fused = fused;
    }

    /** Whether steps run libtorch's fused kernel. */
    boolean isFused() {
        return fused != null;
    }

    /** Starts a step: the bias corrections of all parameters use its number. */
    void beginStep() {
        step++;
    }

    long steps() {
        return step;
    }

    /**
     * Updates parameters that share one weight decay from their gradients with this step's rate.
     * The gradients may be consumed (the DJL path scales them in place).
     */
    void updateGroup(List<NDArray> params, List<NDArray> grads, double lr, double weightDecay) {
        if (fused == null) {
            for (int i = 0; i < params.size(); i++) {
                update(params.get(i), grads.get(i), lr, weightDecay);
            }
            return;
        }
        List<NDArray> expAvgs = new ArrayList<>(params.size());
        List<NDArray> expAvgSqs = new ArrayList<>(params.size());
        for (NDArray p : params) {
            NDArray[] mv = momentsOf(p);
            expAvgs.add(mv[0]);
            expAvgSqs.add(mv[1]);
        }
        fused.adamW(params, grads, expAvgs, expAvgSqs, step, lr, BETA1, BETA2, weightDecay, EPS);
    }

    private NDArray[] momentsOf(NDArray param) {
        return moments.computeIfAbsent(param, p -> new NDArray[] {
            stateManager.zeros(p.getShape(), p.getDataType()), stateManager.zeros(p.getShape(), p.getDataType())});
    }

    /**
     * Updates one parameter from its gradient with this step's rate and the parameter's decay.
     * Large tensors (the word embeddings) are updated in row blocks of views, so no temporary is
     * larger than {@link Chunks#ELEMENTS}: fresh half-gigabyte temporaries cost page faults and
     * peak memory. The gradient is consumed (scaled in place).
     */
    private void update(NDArray param, NDArray grad, double lr, double weightDecay) {
        NDArray[] mv = momentsOf(param);
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
