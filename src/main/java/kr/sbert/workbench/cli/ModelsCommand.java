package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.hub.CachedRepo;
import kr.sbert.workbench.core.hub.CatalogEntry;
import kr.sbert.workbench.core.hub.HubCache;
import kr.sbert.workbench.core.hub.HubSettings;
import kr.sbert.workbench.core.hub.ModelCatalog;
import kr.sbert.workbench.core.hub.ModelLocator;
import kr.sbert.workbench.core.hub.ModelRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code models}: the catalog of KR-SBERT variants with their cache state; {@code --remove ID} frees space. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the known KR-SBERT variants and every model in the huggingface_hub cache.",
            "Shows cached revisions and size on disk. The cache is HF_HUB_CACHE, else $HF_HOME/hub, else"
                    + " $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub, shared with Python tools."})
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--remove", paramLabel = "ID", description = "Delete a model (all its revisions) from the cache.")
    String remove;

    /** The environment the hub settings come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        HubSettings settings = HubSettings.fromEnvironment(environment);
        HubCache cache = HubCache.of(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (remove != null) {
            ModelRef ref = ModelRef.parse(remove);
            if (ref.kind() != ModelRef.Kind.HUB || remove.contains("@")) {
                throw new InvalidInputException("--remove " + remove + ": give a hub id org/name (all its revisions are removed)");
            }
            CachedRepo removed = cache.remove(ref.repoId()).orElseThrow(() -> new InvalidInputException(
                    "--remove " + remove + ": not in the cache " + cache.root()));
            out.printf(Locale.ROOT, "removed %s: %d snapshot(s), %s freed (%s)%n", removed.repoId(),
                    removed.snapshots().size(), megabytes(removed.sizeOnDisk()), removed.folder());
            out.flush();
            return ExitCodes.OK;
        }
        out.println("cache: " + cache.root());
        ModelLocator locator = new ModelLocator(settings);
        String group = null;
        for (CatalogEntry e : ModelCatalog.entries()) {
            if (!e.group().equals(group)) {
                group = e.group();
                out.println();
                out.println("== " + group + " ==");
            }
            out.println();
            out.println(e.id() + "  (" + e.kindAndSize() + ")");
            out.println("  base: " + e.baseModel() + "; vocab: " + e.vocabSize() + "; max_seq_length: " + e.maxSeqLength());
            out.println("  trained on: " + e.trainingData() + "; weights: " + e.weights());
            out.println("  good for: " + e.goodFor());
            Optional<CachedRepo> cached = cache.find(e.id());
            out.println("  " + cached.map(r -> state(r) + tokenizerOnlyNote(locator, r)).orElse("not cached (download " + e.id() + ")"));
        }
        boolean header = false;
        for (CachedRepo repo : cache.list()) {
            if (ModelCatalog.find(repo.repoId()).isEmpty()) {
                if (!header) {
                    out.println();
                    out.println("other cached models:");
                    header = true;
                }
                // a folder name in the cache is anyone's text: shown, never obeyed by the terminal
                out.println("  " + kr.sbert.workbench.core.UserText.line(repo.repoId() + "  " + state(repo)
                        + tokenizerOnlyNote(locator, repo)));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String state(CachedRepo repo) {
        String refs = repo.refs().entrySet().stream()
                .map(en -> en.getKey() + "=" + en.getValue().substring(0, 10))
                .collect(Collectors.joining(", "));
        String snapshots = repo.snapshots().stream().map(c -> c.substring(0, 10)).collect(Collectors.joining(", "));
        return "cached: " + (refs.isEmpty() ? "no refs" : refs) + "; snapshots: "
                + (snapshots.isEmpty() ? "none" : snapshots) + "; " + megabytes(repo.sizeOnDisk()) + " on disk";
    }

    /** Says so when {@code main} has only the tokenizer files (fetched to show tokens), not the weights. */
    private static String tokenizerOnlyNote(ModelLocator locator, CachedRepo repo) {
        try {
            ModelRef main = ModelRef.ofHub(repo.repoId(), ModelRef.DEFAULT_REVISION);
            boolean tokenizerOnly = locator.cached(main).isEmpty() && repo.refs().containsKey(ModelRef.DEFAULT_REVISION)
                    && locator.localTokenizer(main).filter(p -> p.startsWith(repo.folder())).isPresent();
            return tokenizerOnly ? "; main: tokenizer files only, weights not downloaded" : "";
        } catch (InvalidInputException e) {
            return ""; // a cache folder name that is no valid hub id: nothing to add
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
