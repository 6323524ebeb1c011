package kr.sbert.workbench.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The libtorch engine behind every model: started once, with its intra-op thread count
 * settable. Grad mode is per thread in torch, so every thread that runs a forward pass calls
 * {@link #prepareInferenceThread()} first.
 */
public final class TorchRuntime {
    private static volatile Engine engine;

    private TorchRuntime() {
    }

    /** Starts libtorch (bundled natives, nothing downloaded) if it is not running yet. */
    public static synchronized Engine engine() {
        if (engine == null) {
            // OpenMP and libtorch read these when they load: set them first
            NativeEnvironment.apply();
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    /** Sets the number of threads torch uses inside one operation (e.g. a matrix product). */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }

    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /** Turns off autograd on the calling thread (torch keeps the flag per thread). */
    static void prepareInferenceThread() {
        engine();
        JniUtils.setGradMode(false);
    }
}
