package kr.sbert.workbench.core.hub;

import java.nio.file.Path;
import java.util.Optional;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;

/** Test helper run in a child JVM: {@code <cache root> <endpoint> <repo id>} → locates (downloads) the model. */
public final class DownloadInAnotherProcess {
    private DownloadInAnotherProcess() {
    }

    public static void main(String[] args) throws Exception {
        HubSettings s = new HubSettings(Path.of(args[0]), args[1], Optional.empty(), false);
        Path snapshot = new ModelLocator(s).locate(args[2], ProgressListener.NONE, CancelToken.NONE);
        System.out.println(snapshot);
    }
}
