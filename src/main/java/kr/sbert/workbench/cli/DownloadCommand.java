package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.core.task.CancelToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code download ID[@REV]}: fetch a hub model into the cache and print its snapshot folder. */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download a model from the hub (HF_ENDPOINT) into the huggingface_hub cache.",
            "Fetches only what a sentence-transformers BERT needs, resumes partial downloads, verifies"
                    + " sizes and sha256, and prints the snapshot folder.",
            "Set HF_TOKEN for gated or private models. With HF_HUB_OFFLINE=1 only the cache is used."})
public final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID[@REV]",
            description = "Hub id org/name, optionally @branch, @tag, @commit or @refs/pr/N.")
    String model;

    /** The environment the hub settings come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        ModelRef ref = ModelRef.parse(model);
        if (ref.kind() != ModelRef.Kind.HUB) {
            throw new InvalidInputException("download " + model + ": give a hub id org/name[@revision], not a folder or baseline");
        }
        ModelLocator locator = new ModelLocator(HubSettings.fromEnvironment(environment));
        Path snapshot;
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "B")) {
            snapshot = locator.download(ref, bar, new CancelToken());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(snapshot);
        out.flush();
        return ExitCodes.OK;
    }
}
