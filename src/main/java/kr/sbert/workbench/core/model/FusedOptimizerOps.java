package kr.sbert.workbench.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.model.torchscript.TorchScriptArchive;

/**
 * libtorch's multi-tensor optimizer kernels, which DJL's JNI does not expose, reached through a
 * parameterless TorchScript module written by {@link TorchScriptArchive} and run by DJL's
 * TorchScript loader:
 * <ul>
 *   <li>{@link #adamW}: {@code aten::_fused_adamw_}, one pass over memory per parameter (reads
 *       param, grad and both moments, writes param and the moments; no temporaries);</li>
 *   <li>{@link #totalNorm}: {@code clip_grad_norm_}'s total norm, the 2-norm of all tensors,
 *       by {@code aten::_foreach_norm} over 64 Ki-element views and a float64 norm of those;</li>
 *   <li>{@link #scale}: {@code aten::_foreach_mul_} by a scalar, in place.</li>
 * </ul>
 * DJL can only call a module's {@code forward}, so one forward dispatches on an operation code.
 *
 * <p>Numerics of the fused AdamW against {@code torch.optim.AdamW}'s default (single-tensor)
 * path: same formula (decoupled decay {@code p·(1 − lr·wd)}, bias corrections in double from the
 * step count), but evaluated per element in one expression, in float32: the first moment as
 * {@code β1·m + (1−β1)·g} instead of {@code lerp}, and {@code p − stepSize·m/denom} instead of
 * {@code addcdiv}, so results differ by float rounding only.
 *
 * <p>Not thread-safe; call with autograd off (in-place updates of leaves that require grad).
 */
final class FusedOptimizerOps implements AutoCloseable {
    private static final long OP_ADAMW = 0;
    private static final long OP_NORM = 1;
    private static final long OP_SCALE = 2;

    /*
     * The serialized-code dialect torch.jit.save writes: List and Tensor need no import, dtype is
     * the ScalarType's number (6 = float32). _fused_adamw_ reads each parameter's step from
     * state_steps and does not increment it (torch.optim increments before the call), so the step
     * number comes in as an int and one 0-dim tensor holding it serves every parameter.
     *
     * The norm is not clip_grad_norm_'s literal _foreach_norm(grads) then vector_norm: libtorch's
     * CPU 2-norm of a float32 tensor accumulates in float32 and drifts with size (measured on a
     * dense 40,000 × 768 tensor: 1.7e-3 relative, beyond FitFixtureTest's 1e-3 tolerance for the
     * norm; 5e-6 on 768 × 768), and asking it for float64 copies the whole tensor to double. Norms
     * of 64 Ki-element views (no copies) combined in float64 stay within 3e-7 of the exact value,
     * as the former DJL path (float32 block sums added in double) did.
     */
    private static final String FORWARD = """
            def forward(self, op: int, params: List[Tensor], grads: List[Tensor], exp_avgs: List[Tensor],
                        exp_avg_sqs: List[Tensor], step: int, lr: float, beta1: float, beta2: float,
                        weight_decay: float, eps: float, factor: float) -> Tensor:
              if op == 0:
                s = torch.tensor(float(step), dtype=6)
                steps: List[Tensor] = []
                for _i in range(len(params)):
                  steps.append(s)
                no_max: List[Tensor] = []
                torch._fused_adamw_(params, grads, exp_avgs, exp_avg_sqs, no_max, steps, lr=lr, beta1=beta1,
                    beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False,
                    grad_scale=None, found_inf=None)
                return s
              if op == 1:
                parts: List[Tensor] = []
                for g in grads:
                  for part in torch.split(torch.flatten(g), 65536):
                    parts.append(part)
                norms = torch._foreach_norm(parts, 2)
                return torch.linalg_vector_norm(torch.stack(norms), 2, dtype=7)
              torch._foreach_mul_(grads, factor)
              return torch.tensor(factor, dtype=6)
            """;

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    private FusedOptimizerOps(PtNDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
    }

    /**
     * Writes the module to a temporary file, loads it and deletes the file.
     *
     * @throws RuntimeException when libtorch cannot compile or load it (e.g. an operator missing)
     */
    static FusedOptimizerOps load() {
        TorchRuntime.engine();
        Path file = null;
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            file = Files.createTempFile("kr-sbert-fused-optimizer", ".pt");
            new TorchScriptArchive("__torch__.kr_sbert.FusedOptimizerOps").method(FORWARD).write(file);
            PtSymbolBlock block = JniUtils.loadModule(manager, file.toAbsolutePath(), true, new String[0],
                    new String[0], false);
            return new FusedOptimizerOps(manager, block);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /**
     * One AdamW step on every tensor of a decay group, in place: {@code params}, {@code expAvgs}
     * and {@code expAvgSqs} are updated, {@code grads} only read. All float32, contiguous, and
     * index-aligned.
     *
     * @param step the step number, from 1 (the bias corrections' exponent)
     */
    void adamW(List<NDArray> params, List<NDArray> grads, List<NDArray> expAvgs, List<NDArray> expAvgSqs,
               long step, double lr, double beta1, double beta2, double weightDecay, double eps) {
        run(OP_ADAMW, params, grads, expAvgs, expAvgSqs, step, lr, beta1, beta2, weightDecay, eps, 1).close();
    }

    /**
     * The 2-norm of all tensors together, as {@code clip_grad_norm_} defines it (the norm of the
     * per-tensor norms), to about float32 precision.
     */
    double totalNorm(List<NDArray> grads) {
        try (NDArray norm = run(OP_NORM, List.of(), grads, List.of(), List.of(), 0, 0, 0, 0, 0, 0, 1)) {
            return norm.getDouble();
        }
    }

    /** Multiplies every tensor by {@code factor}, in place. */
    void scale(List<NDArray> tensors, double factor) {
        run(OP_SCALE, List.of(), tensors, List.of(), List.of(), 0, 0, 0, 0, 0, 0, factor).close();
    }

    private NDArray run(long op, List<NDArray> params, List<NDArray> grads, List<NDArray> expAvgs,
                        List<NDArray> expAvgSqs, long step, double lr, double beta1, double beta2,
                        double weightDecay, double eps, double factor) {
        // grad mode is per thread: in-place updates of leaves that require grad need it off
        JniUtils.setGradMode(false);
        IValue[] args = {IValue.from(op), list(params), list(grads), list(expAvgs), list(expAvgSqs),
            IValue.from(step), IValue.from(lr), IValue.from(beta1), IValue.from(beta2), IValue.from(weightDecay),
            IValue.from(eps), IValue.from(factor)};
        try (IValue out = module.forward(args)) {
            return out.toTensor(manager);
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
    }

    @Override
    public void close() {
        module.close();
        manager.close();
    }
}
