package kr.sbert.workbench.gui.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Optional;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.gui.service.CoreBackend;
import kr.sbert.workbench.gui.task.SyncTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's details name the real cause of a failure. */
class StatusDetailsTest {
    @TempDir
    Path hubCache;

    @Test
    void aHubThatCannotBeReachedIsANetworkFailureNotAnInternalError() {
        // A real connection attempt to a port nothing listens on (not offline mode: it tries).
        CoreBackend backend = new CoreBackend(new ModelLocator(
                new HubSettings(hubCache, "http://127.0.0.1:9", Optional.empty(), false)));
        Throwable e = catchThrowable(() -> backend.load("snunlp/KR-SBERT-V40K-klueNLI-augSTS",
                ProgressListener.NONE, CancelToken.NONE));
        assertThat(e).isNotNull();

        StatusViewModel status = new StatusViewModel(new SyncTaskRunner());
        status.report("loading snunlp/KR-SBERT-V40K-klueNLI-augSTS", e);

        assertThat(status.errorProperty().get()).contains("cannot reach the model hub");
        assertThat(status.errorDetailsProperty().get())
                .contains("kind of failure: network / model hub")
                .doesNotContain("internal error");
    }

    @Test
    void anErrorClearsWhenTheNextActionSucceeds() {
        StatusViewModel status = new StatusViewModel(new SyncTaskRunner());
        status.report("saving x.tsv", new kr.sbert.workbench.core.InvalidInputException("x.tsv: is read-only: not written"));
        assertThat(status.errorDetailsProperty().get()).contains("kind of failure: bad input");
        status.info("saved 3 rows to y.tsv");
        assertThat(status.errorProperty().get()).isEmpty();
    }
}
