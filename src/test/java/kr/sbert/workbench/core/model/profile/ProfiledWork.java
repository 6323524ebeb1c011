package kr.sbert.workbench.core.model.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import kr.sbert.workbench.core.model.TorchRuntime;

/** A small real libtorch workload for the profiler test. */
final class ProfiledWork {
    private ProfiledWork() {
    }

    static void matrixProduct() {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu(), TorchRuntime.engine().getEngineName())) {
            NDArray a = m.ones(new Shape(64, 32));
            NDArray b = m.ones(new Shape(32, 16));
            a.matMul(b).close();
        }
    }
}
