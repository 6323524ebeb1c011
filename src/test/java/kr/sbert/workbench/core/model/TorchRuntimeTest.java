package kr.sbert.workbench.core.model;

import static kr.sbert.workbench.core.model.SentenceTransformerModelTest.assertEmbedding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine threads are settable; every thread that encodes runs without autograd. */
class TorchRuntimeTest {

    @TempDir
    Path tmp;

    @Test
    void threadCountIsSettable() {
        int before = TorchRuntime.threads();
        try {
            TorchRuntime.setThreads(1);
            assertThat(TorchRuntime.threads()).isEqualTo(1);
            assertThatThrownBy(() -> TorchRuntime.setThreads(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
        } finally {
            TorchRuntime.setThreads(before);
        }
    }

    @Test
    void encodingOnANewThreadTurnsOffGradModeThereAndGivesTheSameEmbeddings() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (SentenceTransformerModel model = SentenceTransformerModel.load(TinyFolders.root(tmp.resolve("m")))) {
            // torch starts every thread with grad mode on; encode must switch it off on its own thread.
            Future<Boolean> before = worker.submit(JniUtils::isGradMode);
            assertThat(before.get()).isTrue();
            Future<float[]> embedding = worker.submit(() -> model.encode(List.of(TinyFolders.text(3)))[0]);
            assertEmbedding(embedding.get(), TinyFolders.embedding(3), "sentence 3 on a worker thread");
            assertThat(worker.submit(JniUtils::isGradMode).get()).isFalse();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void environmentDefaultsAreSetUnlessTheUserSetThem() {
        TorchRuntime.engine();
        String policy = NativeEnvironment.describe().get("OMP_WAIT_POLICY");
        if (System.getenv("OMP_WAIT_POLICY") == null) {
            assertThat(policy).isEqualTo("PASSIVE (this tool's default)");
        } else {
            assertThat(policy).isEqualTo(System.getenv("OMP_WAIT_POLICY") + " (set by the user)");
        }
    }
}
