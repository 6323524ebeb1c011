package kr.sbert.workbench.gui.window;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import kr.sbert.workbench.gui.WorkbenchWindow;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting helpers for the whole-window tests (conditions are read on the FX thread). */
final class WindowHarness {
    private WindowHarness() {
    }

    static void waitUntil(int seconds, String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits until the last scoring result covers exactly these models and no scoring runs. */
    static ScoringResult waitForScores(WorkbenchWindow w, int seconds, String... models) {
        waitUntil(seconds, "scores of " + String.join(", ", models), () -> {
            ScoringResult r = w.viewModel().resultProperty().get();
            return w.viewModel().scoringTask().isEmpty() && !w.viewModel().staleProperty().get()
                    && r.evaluations().stream().map(e -> e.model()).toList().equals(java.util.List.of(models))
                    && r.rows().equals(w.viewModel().pairs().rows())
                    && w.controller().scatter().upToDate();
        });
        return w.viewModel().resultProperty().get();
    }

    static ModelEntry waitForReady(WorkbenchWindow w, String id, int seconds) {
        waitUntil(seconds, id + " ready", () -> w.viewModel().models().find(id)
                .map(e -> e.state() == ModelState.READY || e.state() == ModelState.ERROR).orElse(false));
        ModelEntry e = w.viewModel().models().find(id).orElseThrow();
        if (e.state() == ModelState.ERROR) {
            throw new AssertionError(id + " failed to load: " + e.errorProperty().get());
        }
        return e;
    }
}
