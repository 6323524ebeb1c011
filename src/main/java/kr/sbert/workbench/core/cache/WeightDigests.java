package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The content hash of a weight file, computed once per change of the file. A hub snapshot's
 * weight file is a symlink to {@code blobs/<sha256>}: the blob name is the hash, nothing is
 * read. Any other file is hashed (sha256 of its bytes) and the result memoised by real path,
 * size and modification time, in memory and in a small file under the cache folder, so a
 * restart does not read hundreds of megabytes again.
 */
final class WeightDigests {
    private static final Pattern BLOB_NAME = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private final Path memoDir;
    private final Map<String, String> memo = new ConcurrentHashMap<>();

    /** @param memoDir folder for the memo files, or null for memory only */
    WeightDigests(Path memoDir) {
        this.memoDir = memoDir;
    }

    String digest(Path weightFile) throws IOException {
        Path real = weightFile.toRealPath();
        Path parent = real.getParent();
        if (Files.isSymbolicLink(weightFile) && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("blobs")
                && BLOB_NAME.matcher(real.getFileName().toString()).matches()) {
            return "blob:" + real.getFileName();
        }
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        String stamp = a.size() + " " + a.lastModifiedTime().toInstant();
        String key = real + "\n" + stamp;
        String known = memo.get(key);
        if (known != null) {
            return known;
        }
        Path memoFile = memoDir == null ? null : memoDir.resolve(Hashing.sha256(real.toString()) + ".txt");
        String fromDisk = readMemo(memoFile, real, stamp);
        String hash = fromDisk != null ? fromDisk : "sha256:" + Hashing.sha256(real);
        memo.put(key, hash);
        if (fromDisk == null && memoFile != null) {
            writeMemo(memoFile, real + "\n" + stamp + "\n" + hash + "\n");
        }
        return hash;
    }

    private static String readMemo(Path memoFile, Path real, String stamp) {
        if (memoFile == null) {
            return null;
        }
        try {
            String[] lines = Files.readString(memoFile, StandardCharsets.UTF_8).split("\n");
            if (lines.length == 3 && lines[0].equals(real.toString()) && lines[1].equals(stamp)
                    && lines[2].startsWith("sha256:") && lines[2].length() == 7 + 64) {
                return lines[2];
            }
        } catch (IOException | RuntimeException e) {
            // absent or unreadable: hash the file again
        }
        return null;
    }

    private static void writeMemo(Path memoFile, String content) {
        try {
            Files.createDirectories(memoFile.getParent());
            Path tmp = Files.createTempFile(memoFile.getParent(), ".tmp-", ".txt");
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, memoFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // the memo only saves time; the hash itself is right
        }
    }
}
