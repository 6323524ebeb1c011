package kr.sbert.workbench.core.model.profile;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.core.model.TorchRuntime;

/**
 * Runs a piece of work under libtorch's operator profiler (the one {@code torch.autograd.profiler}
 * drives): every aten operator the calling thread dispatches is recorded with its start and
 * duration, whether it came from our NDArray calls or from a TorchScript graph. The profiler
 * records on the thread that starts it, so the work must run on the calling thread.
 */
public final class OpProfiler {
    private OpProfiler() {
    }

    /** Work to profile; may throw. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Profiles {@code work} and returns what each operator cost. Shapes and memory are not
     * recorded (they would slow every call down).
     */
    public static synchronized OpProfile record(Work work) throws Exception {
        TorchRuntime.engine();
        Path trace = Files.createTempFile("kr-sbert-profile", ".json");
        try {
            long t0;
            long wall;
            JniUtils.startProfile(false, false, false);
            try {
                t0 = System.nanoTime();
                work.run();
                wall = System.nanoTime() - t0;
            } finally {
                JniUtils.stopProfile(trace.toString());
            }
            return OpProfile.read(trace, wall);
        } finally {
            try {
                Files.deleteIfExists(trace);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
