package kr.sbert.workbench.gui.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What a thread throws and nobody catches: one line on stderr, the trace only in the log file. */
@ExtendWith(ApplicationExtension.class)
class UncaughtErrorsTest {

    private static Throwable deepError() {
        StackOverflowError e = new StackOverflowError();
        e.initCause(new IllegalStateException("inner\ncause"));
        return e;
    }

    @Test
    void beforeAWindowOneLineAndNoTrace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UncaughtErrors handler = new UncaughtErrors(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Thread t = new Thread(() -> {
            throw new IllegalArgumentException("bad\nvalue");
        }, "worker-1");
        t.setUncaughtExceptionHandler(handler);
        t.start();
        t.join();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out).startsWith("error: ").contains("(thread worker-1)")
                .doesNotContain("IllegalArgumentException").doesNotContain("\tat ");
    }

    @Test
    void withAWindowTheStatusBarShowsItAndTheLogKeepsTheTrace(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UncaughtErrors handler = new UncaughtErrors(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        StatusViewModel status = new StatusViewModel(new SyncTaskRunner());
        Path log = dir.resolve(StatusViewModel.LOG_NAME);
        status.setLogFile(log);
        handler.reportTo(status);

        handler.uncaughtException(new Thread("worker-2"), deepError());
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(shown::countDown); // after the handler's runLater
        assertThat(shown.await(10, TimeUnit.SECONDS)).isTrue();

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().toList()).hasSize(1);
        assertThat(out).contains("(thread worker-2)").contains("details in " + log)
                .doesNotContain("StackOverflowError").doesNotContain("\tat ");
        assertThat(status.errorProperty().get()).startsWith("Unexpected error: ").doesNotContain("\n")
                .doesNotContain("StackOverflowError");
        assertThat(Files.readString(log)).contains("java.lang.StackOverflowError").contains("\tat ");
    }
}
