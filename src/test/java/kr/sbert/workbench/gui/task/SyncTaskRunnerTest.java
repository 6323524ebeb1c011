package kr.sbert.workbench.gui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.task.CancelledException;
import org.junit.jupiter.api.Test;

class SyncTaskRunnerTest {
    private final SyncTaskRunner runner = new SyncTaskRunner();
    private final List<Object> results = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    @Test
    void successDeliversTheResult() {
        TaskHandle h = runner.submit("t", (p, c) -> {
            p.update("x", 1, 2);
            return 42;
        }, results::add, errors::add);
        assertThat(results).containsExactly(42);
        assertThat(errors).isEmpty();
        assertThat(h.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(h.progressProperty().get()).isEqualTo(0.5);
        assertThat(runner.running()).isEmpty();
    }

    @Test
    void failureDeliversTheError() {
        TaskHandle h = runner.submit("t", (p, c) -> {
            throw new IllegalStateException("boom");
        }, results::add, errors::add);
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(h.state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void cancelledWorkCallsNeitherCallback() {
        TaskHandle h = runner.submit("t", (p, c) -> {
            throw new CancelledException();
        }, results::add, errors::add);
        assertThat(results).isEmpty();
        assertThat(errors).isEmpty();
        assertThat(h.state()).isEqualTo(TaskState.CANCELLED);
    }
}
