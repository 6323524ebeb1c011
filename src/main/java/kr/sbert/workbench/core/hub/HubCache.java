package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The huggingface_hub cache on disk, laid out exactly as Python lays it out so both share it:
 * <pre>
 * {root}/models--{org}--{name}/blobs/{etag}                 file contents, named by ETag
 *                             /blobs/{etag}.incomplete      a download in progress (resumable)
 *                             /snapshots/{commit}/{path}    relative symlinks to ../../blobs/{etag}
 *                             /refs/{revision}              the commit a branch/tag/refs/pr/N was at
 * {root}/.locks/models--{org}--{name}/{etag}.lock           one lock per blob
 * </pre>
 * Where the file system refuses symlinks, snapshot files are copies of their blob. Names that
 * come from a server or from disk (ETags, commits, file paths) are checked before they become
 * paths, so none can point outside the cache.
 */
public final class HubCache {
    private static final String PREFIX = "models--";
    private static final String SEPARATOR = "--";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+=-]{0,127}");
    private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9_.+ =-]+");

    private final Path root;

    public HubCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache named by the settings. */
    public static HubCache of(HubSettings settings) {
        return new HubCache(settings.cacheRoot());
    }

    /** The cache folder (may not exist yet). */
    public Path root() {
        return root;
    }

    /** {@code models--org--name}, huggingface_hub's folder name for a model repo. */
    public static String folderName(String repoId) {
        return PREFIX + repoId.replace("/", SEPARATOR);
    }

    /** The repo's folder under the root. */
    public Path repoFolder(String repoId) {
        return root.resolve(folderName(repoId));
    }

    /** Where a finished blob lives. */
    public Path blobPath(String repoId, String etag) throws HubException {
        return repoFolder(repoId).resolve("blobs").resolve(checkEtag(etag));
    }

    /** Where a blob being downloaded lives until it is verified. */
    public Path incompletePath(String repoId, String etag) throws HubException {
        return repoFolder(repoId).resolve("blobs").resolve(checkEtag(etag) + ".incomplete");
    }

    /** The lock file guarding one blob. */
    public Path lockPath(String repoId, String etag) throws HubException {
        return root.resolve(".locks").resolve(folderName(repoId)).resolve(checkEtag(etag) + ".lock");
    }

    /** The snapshot folder of one commit. */
    public Path snapshotFolder(String repoId, String commit) throws HubException {
        return repoFolder(repoId).resolve("snapshots").resolve(checkCommit(commit));
    }

    /** The commit a revision pointed to when last resolved; a commit hash resolves to itself. */
    public Optional<String> readRef(String repoId, String revision) {
        if (COMMIT.matcher(revision).matches()) {
            return Optional.of(revision);
        }
        if (!isSafeRevision(revision)) {
            return Optional.empty();
        }
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        try {
            if (!Files.isRegularFile(ref)) {
                return Optional.empty();
            }
            // a ref holds one 40-character commit: a huge or endless "ref" is not read
            String commit = new String(kr.sbert.workbench.core.io.BoundedFiles.read(ref, 4096, "a ref file"),
                    StandardCharsets.UTF_8).strip();
            return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Records that a revision points at a commit ({@code refs/refs/pr/1} for {@code refs/pr/1}, as
     * huggingface_hub does). Nothing is written for a commit hash or an unchanged ref.
     */
    public void writeRef(String repoId, String revision, String commit) throws IOException, HubException {
        checkCommit(commit);
        if (!isSafeRevision(revision)) {
            throw new HubException("unusable revision name '" + revision + "'");
        }
        if (revision.equals(commit) || readRef(repoId, revision).filter(commit::equals).isPresent()) {
            return;
        }
        Path ref = repoFolder(repoId).resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path tmp = ref.resolveSibling("." + ref.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8);
        Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The snapshot folder for a revision, if the revision resolves and its folder exists. */
    public Optional<Path> snapshotFor(String repoId, String revision) {
        return readRef(repoId, revision).map(commit -> repoFolder(repoId).resolve("snapshots").resolve(commit))
                .filter(Files::isDirectory);
    }

    /** The snapshot file a repo path maps to (not created). */
    public Path snapshotFile(String repoId, String commit, String repoPath) throws HubException {
        return snapshotFolder(repoId, commit).resolve(checkRepoPath(repoPath));
    }

    /**
     * Puts a blob into a snapshot as a relative symlink ({@code ../../blobs/etag}, one more
     * {@code ../} per folder level), or as a copy where links are refused. Replaces whatever was
     * there atomically, so concurrent writers of the same link never see a missing file.
     *
     * @return the snapshot file
     */
    public Path link(String repoId, String commit, String repoPath, String etag) throws IOException, HubException {
        Path blob = blobPath(repoId, etag);
        Path target = snapshotFile(repoId, commit, repoPath);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createSymbolicLink(tmp, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            Files.deleteIfExists(tmp);
            Files.copy(blob, tmp); // file systems without symlinks (FAT, some network shares)
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return target;
    }

    /** Every model repo in the cache, sorted by id. */
    public List<CachedRepo> list() throws IOException {
        List<CachedRepo> repos = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return repos;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                repoIdOf(dir.getFileName().toString()).ifPresent(id -> repos.add(describe(id, dir)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        repos.sort(Comparator.comparing(CachedRepo::repoId));
        return repos;
    }

    /** The cached state of one repo, if it has a folder. */
    public Optional<CachedRepo> find(String repoId) throws IOException {
        Path dir = repoFolder(repoId);
        try {
            return Files.isDirectory(dir) ? Optional.of(describe(repoId, dir)) : Optional.empty();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Deletes a repo's folder and its lock folder (symlinks are deleted, never followed).
     *
     * @return what was removed, or empty when the repo was not cached
     */
    public Optional<CachedRepo> remove(String repoId) throws IOException {
        Optional<CachedRepo> found = find(repoId);
        if (found.isPresent()) {
            deleteTree(repoFolder(repoId));
            deleteTree(root.resolve(".locks").resolve(folderName(repoId)));
        }
        return found;
    }

    private static Optional<String> repoIdOf(String folder) {
        String rest = folder.substring(PREFIX.length());
        int sep = rest.indexOf(SEPARATOR);
        if (sep <= 0 || sep + SEPARATOR.length() >= rest.length()) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(0, sep) + "/" + rest.substring(sep + SEPARATOR.length()));
    }

    private CachedRepo describe(String repoId, Path dir) {
        TreeMap<String, String> refs = new TreeMap<>();
        Path refsDir = dir.resolve("refs");
        List<String> snapshots = new ArrayList<>();
        try {
            if (Files.isDirectory(refsDir)) {
                try (Stream<Path> files = Files.walk(refsDir)) {
                    files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .forEach(p -> {
                                String revision = refsDir.relativize(p).toString().replace('\\', '/');
                                readRef(repoId, revision).ifPresent(c -> refs.put(revision, c));
                            });
                }
            }
            Path snapDir = dir.resolve("snapshots");
            if (Files.isDirectory(snapDir)) {
                try (Stream<Path> commits = Files.list(snapDir)) {
                    commits.map(p -> p.getFileName().toString()).filter(n -> COMMIT.matcher(n).matches())
                            .sorted().forEach(snapshots::add);
                }
            }
            return new CachedRepo(repoId, dir, refs, snapshots, sizeOf(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        AtomicLong total = new AtomicLong();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total.addAndGet(attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // vanished while counting: not ours to count
            }
        });
        return total.get();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isSafeRevision(String revision) {
        for (String part : revision.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || !PATH_PART.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    static String checkEtag(String etag) throws HubException {
        if (etag == null || !ETAG.matcher(etag).matches()) {
            throw new HubException("the hub sent an unusable ETag '" + etag + "' (expected a hex hash)");
        }
        return etag;
    }

    static String checkCommit(String commit) throws HubException {
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw new HubException("the hub sent an unusable commit id '" + commit + "' (expected 40 hex digits)");
        }
        return commit;
    }

    /** A repo file path such as {@code 1_Pooling/config.json}: plain names, no {@code ..}, not absolute. */
    static String checkRepoPath(String path) throws HubException {
        if (path == null || path.isEmpty() || path.length() > 255) {
            throw new HubException("unusable file path in repo: '" + path + "'");
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || !PATH_PART.matcher(part).matches()) {
                throw new HubException("unusable file path in repo: '" + path + "'");
            }
        }
        return path;
    }
}
