package kr.sbert.workbench.core.cache;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the embedding cache lives and how large it may grow.
 *
 * @param root           the cache folder
 * @param maxDiskBytes   bound of the entry files on disk; the least recently used go first
 * @param maxMemoryBytes bound of the in-memory tier (embeddings and their keys, estimated)
 */
public record CacheSettings(Path root, long maxDiskBytes, long maxMemoryBytes) {
    /** System property naming the cache folder (tests, portable installs); wins over the environment. */
    public static final String DIR_PROPERTY = "kr.sbert.workbench.cache";
    /** Environment variable naming the cache folder. */
    public static final String DIR_ENV = "KR_SBERT_WORKBENCH_CACHE";
    /** Environment variable (or system property {@code kr.sbert.workbench.cache.size}) bounding the disk tier, e.g. {@code 500M}, {@code 4G}. */
    public static final String SIZE_ENV = "KR_SBERT_WORKBENCH_CACHE_SIZE";
    /** System property bounding the disk tier. */
    public static final String SIZE_PROPERTY = "kr.sbert.workbench.cache.size";
    /** Default disk bound: 2 GiB (about 650,000 embeddings of 768 floats). */
    public static final long DEFAULT_DISK_BYTES = 2L << 30;
    /** Default memory bound: 256 MiB (about 80,000 embeddings of 768 floats). */
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;

    public CacheSettings {
        if (maxDiskBytes < 0 || maxMemoryBytes < 0) {
            throw new IllegalArgumentException("cache bounds must not be negative, got disk " + maxDiskBytes
                    + ", memory " + maxMemoryBytes);
        }
    }

    /** Settings from this process's system properties and environment. */
    public static CacheSettings fromSystem() {
        return from(System.getenv(), System.getProperty(DIR_PROPERTY), System.getProperty(SIZE_PROPERTY),
                System.getProperty("user.home"));
    }

    /** As {@link #fromSystem()}, but a malformed size is reported to {@code warn} and the default bound used. */
    public static CacheSettings fromSystem(java.util.function.Consumer<String> warn) {
        try {
            return fromSystem();
        } catch (IllegalArgumentException e) {
            warn.accept(e.getMessage() + "; the embedding cache keeps its default bound (2G)");
            Map<String, String> env = new java.util.HashMap<>(System.getenv());
            env.remove(SIZE_ENV);
            return from(env, System.getProperty(DIR_PROPERTY), null, System.getProperty("user.home"));
        }
    }

    /**
     * Folder: {@code dirProperty}, else {@code $KR_SBERT_WORKBENCH_CACHE}, else
     * {@code $XDG_CACHE_HOME/kr-sbert-workbench}, else {@code ~/.cache/kr-sbert-workbench}.
     * Disk bound: {@code sizeProperty}, else {@code $KR_SBERT_WORKBENCH_CACHE_SIZE}, else 2 GiB.
     */
    static CacheSettings from(Map<String, String> env, String dirProperty, String sizeProperty, String home) {
        Path root;
        if (present(dirProperty)) {
            root = Path.of(dirProperty);
        } else if (present(env.get(DIR_ENV))) {
            root = Path.of(env.get(DIR_ENV));
        } else if (present(env.get("XDG_CACHE_HOME"))) {
            root = Path.of(env.get("XDG_CACHE_HOME"), "kr-sbert-workbench");
        } else {
            root = Path.of(home, ".cache", "kr-sbert-workbench");
        }
        String size = present(sizeProperty) ? sizeProperty : env.get(SIZE_ENV);
        long disk = present(size) ? parseSize(size, present(sizeProperty) ? SIZE_PROPERTY : SIZE_ENV) : DEFAULT_DISK_BYTES;
        return new CacheSettings(root, disk, DEFAULT_MEMORY_BYTES);
    }

    /** {@code 123}, {@code 500K}, {@code 500M}, {@code 4G} (powers of 1024; a trailing B or iB is allowed). */
    static long parseSize(String text, String source) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.endsWith("IB")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit > 1) {
                s = s.substring(0, s.length() - 1).strip();
            }
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(source + " '" + text + "' is not a size (e.g. 500M or 4G)");
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
