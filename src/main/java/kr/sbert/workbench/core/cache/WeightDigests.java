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
import kr.sbert.workbench.core.Limits;

/**
 * The content hash of a weight file, computed once per change of the file. A hub snapshot's
 * weight file is a symlink to {@code blobs/<sha256>}: the blob name is the hash, nothing is
 * read. Any other file is hashed (sha256 of its bytes) and the result memoised by real path,
 * size, modification time, inode and change time, in memory and in a small file under the cache
 * folder, so a restart does not read hundreds of megabytes again. A memo read back must also
 * carry the SHA-256 of the file's first and last MiB as they are now, so a memo naming another
 * file's hash, or a file rewritten in place, is not believed (the change time, which no user
 * can set back, moves on any write). What remains: a file rewritten in its middle only, on a file
 * system without change times, or a memo forged with the right first and last MiB; deleting
 * {@code weight-digests/} rehashes everything.
 */
final class WeightDigests {
    private static final long SAMPLE = 1L << 20;
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
        if (!a.isRegularFile()) {
            throw new IOException(weightFile + ": not a regular file (a FIFO, device or folder cannot be a weight file)");
        }
        String stamp = a.size() + " " + a.lastModifiedTime().toInstant() + " " + inodeAndCtime(real);
        String key = real + "\n" + stamp;
        String known = memo.get(key);
        if (known != null) {
            return known;
        }
        // a memo folder that is a link is not the cache's: neither read nor written
        Path memoFile = memoDir == null || Files.isSymbolicLink(memoDir) ? null
                : memoDir.resolve(Hashing.sha256(real.toString()) + ".txt");
        String sample = memoFile == null ? null : sample(real, a.size());
        String fromDisk = readMemo(memoFile, real, stamp, sample);
        String hash = fromDisk != null ? fromDisk : "sha256:" + Hashing.sha256(real);
        memo.put(key, hash);
        if (fromDisk == null && memoFile != null) {
            writeMemo(memoFile, real + "\n" + stamp + "\n" + sample + "\n" + hash + "\n");
        }
        return hash;
    }

    /** The inode and change time (which no user can set back) where the file system has them. */
    private static String inodeAndCtime(Path real) {
        try {
            return Files.getAttribute(real, "unix:ino") + " " + Files.getAttribute(real, "unix:ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "-";
        }
    }

    /** SHA-256 of the file's first and last MiB (2 MiB read, whatever its size): binds a memo to the bytes. */
    static String sample(Path file, long size) throws IOException {
        java.security.MessageDigest md = Hashing.sha256();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            long head = Math.min(size, SAMPLE);
            long tailStart = Math.max(head, size - SAMPLE);
            digestRange(ch, md, 0, head);
            digestRange(ch, md, tailStart, size);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void digestRange(java.nio.channels.FileChannel ch, java.security.MessageDigest md, long from, long to)
            throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
        for (long pos = from; pos < to; ) {
            b.clear().limit((int) Math.min(b.capacity(), to - pos));
            int n = ch.read(b, pos);
            if (n <= 0) {
                throw new IOException("the weight file shrank while it was read");
            }
            md.update(b.array(), 0, n);
            pos += n;
        }
    }

    /**
     * The memo's hash when the memo is a regular file of ours (not a link, FIFO or device; at most
     * {@link Limits#CACHE_MEMO_MAX_BYTES}) for this very file: same real path, size, modification
     * time, inode and change time, and same first and last MiB.
     */
    private static String readMemo(Path memoFile, Path real, String stamp, String sample) {
        if (memoFile == null) {
            return null;
        }
        byte[] bytes = CacheFiles.readSmall(memoFile, Limits.CACHE_MEMO_MAX_BYTES);
        if (bytes == null) {
            return null; // absent, or not a memo of ours: hash the file again
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 4 && lines[0].equals(real.toString()) && lines[1].equals(stamp)
                && lines[2].equals(sample) && lines[3].startsWith("sha256:") && lines[3].length() == 7 + 64) {
            return lines[3];
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
