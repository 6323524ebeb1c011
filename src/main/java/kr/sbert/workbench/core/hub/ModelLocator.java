package kr.sbert.workbench.core.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Turns a model spec ({@code --model} value) into a folder to load: a folder is itself; a hub id
 * is a complete cached snapshot when there is one (no network touched), else it is downloaded.
 * In offline mode ({@code HF_HUB_OFFLINE=1}) the network is never used.
 *
 * <p>{@code baseline:NAME} is not a model folder: callers parse the spec with
 * {@link ModelRef#parse(String)} first and branch on {@link ModelRef#kind()}; {@link #locate}
 * refuses a baseline with an {@link InvalidInputException}.
 *
 * <p>{@link #locateTokenizer} finds a folder that is enough for the tokenizer alone: a cached
 * snapshot with the tokenizer files (complete or tokenizer-only), else the copy shipped inside
 * the workbench ({@link BundledTokenizers}), else a tokenizer-only download (no weights).
 */
public final class ModelLocator {
    private final HubSettings settings;
    private final HubCache cache;
    private final SnapshotDownloader downloader;

    /** A locator for the given settings (production: {@code HubSettings.fromSystem()}). */
    public ModelLocator(HubSettings settings) {
        this(settings, new HubClient(settings));
    }

    /** A locator using the given client (tests pass one with a quick retry policy). */
    public ModelLocator(HubSettings settings, HubClient client) {
        this.settings = settings;
        this.cache = HubCache.of(settings);
        this.downloader = new SnapshotDownloader(settings, cache, client);
    }

    /** The cache this locator reads and fills. */
    public HubCache cache() {
        return cache;
    }

    /** Parses and locates a spec; see {@link #locate(ModelRef, ProgressListener, CancelToken)}. */
    public Path locate(String spec, ProgressListener progress, CancelToken cancel) throws WorkbenchException {
        return locate(ModelRef.parse(spec), progress, cancel);
    }

    /**
     * The folder to load for a model reference.
     *
     * @throws InvalidInputException for a missing folder or a baseline
     * @throws HubException          when a hub model is neither cached nor downloadable
     */
    public Path locate(ModelRef ref, ProgressListener progress, CancelToken cancel) throws WorkbenchException {
        switch (ref.kind()) {
            case FOLDER -> {
                if (!Files.isDirectory(ref.folder())) {
                    throw new InvalidInputException("model folder not found: " + ref.folder());
                }
                return ref.folder();
            }
            case BASELINE -> throw new InvalidInputException(ref + " is a lexical baseline, not a model to load");
            default -> {
                Optional<Path> cached = cached(ref);
                if (cached.isPresent()) {
                    return cached.get();
                }
                if (settings.offline()) {
                    throw offlineMiss(ref);
                }
                return downloader.download(ref.repoId(), ref.revision(), progress, cancel);
            }
        }
    }

    /**
     * Downloads (or brings up to date) a hub model even when a snapshot is cached; in offline
     * mode returns the cached snapshot or fails like {@link #locate}.
     */
    public Path download(ModelRef ref, ProgressListener progress, CancelToken cancel) throws WorkbenchException {
        if (ref.kind() != ModelRef.Kind.HUB) {
            throw new InvalidInputException(ref + " is not a hub id org/name[@revision]");
        }
        if (settings.offline()) {
            return cached(ref).orElseThrow(() -> offlineMiss(ref));
        }
        return downloader.download(ref.repoId(), ref.revision(), progress, cancel);
    }

    /** A cached snapshot of the hub reference that holds everything a model needs. */
    public Optional<Path> cached(ModelRef ref) {
        if (ref.kind() != ModelRef.Kind.HUB) {
            return Optional.empty();
        }
        return cache.snapshotFor(ref.repoId(), ref.revision()).filter(p -> RepoFiles.missingIn(p).isEmpty());
    }

    /**
     * A folder to load the tokenizer of a model from, without its weights.
     *
     * @throws InvalidInputException for a missing folder or a baseline
     * @throws HubException          when a hub model's tokenizer is neither local nor downloadable
     */
    public Path locateTokenizer(ModelRef ref, ProgressListener progress, CancelToken cancel) throws WorkbenchException {
        if (ref.kind() == ModelRef.Kind.BASELINE) {
            throw new InvalidInputException(ref + " is a lexical baseline: it has no tokenizer");
        }
        if (ref.kind() == ModelRef.Kind.FOLDER) {
            return locate(ref, progress, cancel);
        }
        Optional<Path> local = localTokenizer(ref);
        if (local.isPresent()) {
            return local.get();
        }
        if (settings.offline()) {
            throw offlineMiss(ref);
        }
        return downloader.downloadTokenizer(ref.repoId(), ref.revision(), progress, cancel);
    }

    /**
     * The tokenizer folder of a hub reference that needs no network: a cached snapshot holding
     * the tokenizer files, else the shipped copy (for the default revision only).
     */
    public Optional<Path> localTokenizer(ModelRef ref) {
        if (ref.kind() != ModelRef.Kind.HUB) {
            return Optional.empty();
        }
        Optional<Path> cached = cache.snapshotFor(ref.repoId(), ref.revision())
                .filter(p -> RepoFiles.missingForTokenizerIn(p).isEmpty());
        if (cached.isPresent() || !ModelRef.DEFAULT_REVISION.equals(ref.revision())) {
            return cached;
        }
        return BundledTokenizers.folder(ref.repoId());
    }

    private HubException offlineMiss(ModelRef ref) {
        Optional<Path> partial = cache.snapshotFor(ref.repoId(), ref.revision());
        String state = partial.map(p -> {
            List<String> missing = RepoFiles.missingIn(p);
            return "the cached snapshot " + p + " lacks " + String.join(", ", missing);
        }).orElse(ref + " is not in the cache " + cache.repoFolder(ref.repoId()));
        return new HubException("offline (HF_HUB_OFFLINE=1): " + state + "; run `download " + ref
                + "` while online, or copy a huggingface_hub cache to " + cache.root());
    }
}
