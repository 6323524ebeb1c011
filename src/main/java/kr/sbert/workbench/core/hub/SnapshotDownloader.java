package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * Downloads what a sentence-transformers BERT needs from one repo revision into the cache, as
 * huggingface_hub's {@code snapshot_download} would: repo info → commit and file list;
 * {@code modules.json} and the Transformer {@code config.json} first (a repo that is not a BERT
 * is refused before its weights are fetched); then a {@code HEAD} per file and the missing
 * blobs, each under its lock; finally {@code refs/{revision}}. Files already in the cache are
 * not fetched again. {@link #downloadTokenizer} does the same for the configs and tokenizer
 * files alone (no weight file), into the same snapshot folder.
 *
 * <p>Progress: {@code update(file, bytes done, bytes total)} where done and total count all
 * bytes still to fetch for this snapshot, and {@code file} is the file being fetched.
 */
public final class SnapshotDownloader {
    private final HubSettings settings;
    private final HubCache cache;
    private final HubClient client;
    private final BlobDownloader blobs;

    public SnapshotDownloader(HubSettings settings, HubCache cache, HubClient client) {
        this.settings = settings;
        this.cache = cache;
        this.client = client;
        this.blobs = new BlobDownloader(client);
    }

    /**
     * Brings a repo revision into the cache.
     *
     * @param repoId   {@code org/name}, valid as {@link ModelRef} checks it
     * @param revision branch, tag, commit or {@code refs/pr/N}
     * @return the snapshot folder, ready to load
     * @throws IllegalArgumentException for a malformed id or revision
     * @throws HubException in offline mode, and for every hub, network or disk failure
     */
    public Path download(String repoId, String revision, ProgressListener progress, CancelToken cancel)
            throws HubException, CancelledException {
        return fetch(repoId, revision, true, progress, cancel);
    }

    /**
     * Brings only the configs and tokenizer files of a repo revision into the cache (a few
     * hundred kB, never a weight file), laid out as {@link #download} lays them out: a later
     * full download of the same commit fetches just the weights.
     *
     * @return the snapshot folder, enough to load the tokenizer
     * @throws IllegalArgumentException for a malformed id or revision
     * @throws HubException in offline mode, and for every hub, network or disk failure
     */
    public Path downloadTokenizer(String repoId, String revision, ProgressListener progress, CancelToken cancel)
            throws HubException, CancelledException {
        return fetch(repoId, revision, false, progress, cancel);
    }

    private Path fetch(String repoId, String revision, boolean withWeights, ProgressListener progress,
                       CancelToken cancel) throws HubException, CancelledException {
        try {
            ModelRef.ofHub(repoId, revision);
        } catch (kr.sbert.workbench.core.InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // callers pass parsed ModelRefs
        }
        if (settings.offline()) {
            throw new HubException("cannot download " + repoId + ": offline mode (HF_HUB_OFFLINE=1) allows no network");
        }
        RepoInfo info = client.repoInfo(repoId, revision);
        String commit = info.commit();
        Path snapshot = cache.snapshotFolder(repoId, commit);
        try {
            List<RepoFiles.Module> modules = RepoFiles.readModules(null, repoId);
            if (info.siblings().contains(RepoFiles.MODULES)) {
                fetchSmall(repoId, commit, RepoFiles.MODULES, cancel);
                modules = RepoFiles.readModules(snapshot.resolve(RepoFiles.MODULES), repoId);
            }
            RepoFiles.Selection selection = withWeights
                    ? RepoFiles.select(repoId, info.siblings(), modules)
                    : RepoFiles.selectTokenizer(repoId, info.siblings(), modules);
            for (String config : selection.configs()) {
                fetchSmall(repoId, commit, config, cancel);
                RepoFiles.checkBertConfig(repoId, config, snapshot.resolve(config));
            }
            Map<String, FileMetadata> pending = new LinkedHashMap<>();
            for (String path : selection.files()) {
                cancel.throwIfCancelled();
                if (!selection.configs().contains(path) && !RepoFiles.MODULES.equals(path)) {
                    pending.put(path, head(repoId, commit, path));
                }
            }
            fetchAll(repoId, commit, pending, progress, cancel);
            cache.writeRef(repoId, revision, commit);
        } catch (IOException e) {
            throw BlobDownloader.diskError(cache.repoFolder(repoId), e);
        }
        List<String> missing = withWeights ? RepoFiles.missingIn(snapshot) : RepoFiles.missingForTokenizerIn(snapshot);
        if (!missing.isEmpty()) {
            throw new HubException(repoId + "@" + revision + " lacks what a sentence-transformers model "
                    + (withWeights ? "" : "tokenizer ") + "needs: " + String.join(", ", missing));
        }
        return snapshot;
    }

    private FileMetadata head(String repoId, String commit, String path) throws HubException, CancelledException {
        FileMetadata meta = client.head(repoId, commit, path);
        if (!commit.equals(meta.commit())) {
            throw new HubException("the hub resolved " + repoId + " " + path + " at commit " + meta.commit()
                    + " instead of " + commit + "; run again");
        }
        return meta;
    }

    private void fetchSmall(String repoId, String commit, String path, CancelToken cancel)
            throws HubException, CancelledException, IOException {
        Map<String, FileMetadata> one = new LinkedHashMap<>();
        one.put(path, head(repoId, commit, path));
        fetchAll(repoId, commit, one, ProgressListener.NONE, cancel);
    }

    private void fetchAll(String repoId, String commit, Map<String, FileMetadata> files, ProgressListener progress,
                          CancelToken cancel) throws HubException, CancelledException, IOException {
        List<FileMetadata> toFetch = new ArrayList<>();
        long total = 0;
        long done = 0;
        for (FileMetadata f : files.values()) {
            if (!Files.exists(cache.blobPath(repoId, f.etag()))) {
                toFetch.add(f);
                long partial = sizeOf(cache.incompletePath(repoId, f.etag()));
                total += Math.max(f.size(), 0);
                done += Math.min(partial, Math.max(f.size(), 0));
            }
        }
        checkFreeSpace(repoId, total - done);
        AtomicLong overall = new AtomicLong(done);
        long grandTotal = total;
        for (FileMetadata f : files.values()) {
            cancel.throwIfCancelled();
            if (toFetch.contains(f)) {
                progress.update(f.path(), overall.get(), grandTotal);
                fetchBlob(repoId, f, delta -> progress.update(f.path(), overall.addAndGet(delta), grandTotal), cancel);
            }
            if (!alreadyLinked(repoId, commit, f)) {
                cache.link(repoId, commit, f.path(), f.etag());
            }
        }
    }

    /** Under the blob's lock: a blob another thread or process finished meanwhile is not fetched again. */
    private void fetchBlob(String repoId, FileMetadata f, java.util.function.LongConsumer bytes, CancelToken cancel)
            throws HubException, CancelledException, IOException {
        Path blob = cache.blobPath(repoId, f.etag());
        Files.createDirectories(blob.getParent());
        try (BlobLock lock = BlobLock.acquire(cache.lockPath(repoId, f.etag()), cancel)) {
            if (Files.exists(blob)) {
                // another process (huggingface_hub, another workbench) finished it while we waited
                BlobDownloader.verifyFinished(repoId, f, blob);
                bytes.accept(Math.max(f.size(), 0));
                return;
            }
            Path incomplete = cache.incompletePath(repoId, f.etag());
            blobs.download(repoId, f, incomplete, bytes, cancel);
            Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private boolean alreadyLinked(String repoId, String commit, FileMetadata f) throws HubException, IOException {
        Path file = cache.snapshotFile(repoId, commit, f.path());
        Path blob = cache.blobPath(repoId, f.etag());
        if (Files.isSymbolicLink(file)) {
            return Files.exists(file) && Files.isSameFile(file, blob);
        }
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == Files.size(blob);
    }

    private void checkFreeSpace(String repoId, long needed) throws HubException, IOException {
        if (needed <= 0) {
            return;
        }
        Path dir = cache.repoFolder(repoId).resolve("blobs");
        Files.createDirectories(dir);
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < needed) {
            throw new HubException(String.format(java.util.Locale.ROOT,
                    "not enough disk space for %s: %.1f MB needed in %s, %.1f MB free; free space or set HF_HUB_CACHE",
                    repoId, needed / 1e6, dir, free / 1e6));
        }
    }

    private static long sizeOf(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }
}
