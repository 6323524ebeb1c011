package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The segment file format: a run of frames, each a little-endian {@code int} length and one
 * {@link EntryCodec} entry. Segments are named {@code <millis hex>-<random hex>.seg} (sorting
 * by name is sorting by age) and written whole under a temporary name, then renamed.
 */
final class SegmentFiles {
    static final String SUFFIX = ".seg";
    static final String TEMP_PREFIX = ".tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Receives each intact entry of a segment. */
    interface EntrySink {
        void entry(String text, int offset, int length);
    }

    private SegmentFiles() {
    }

    /** The frames of these entries, back to back. */
    static byte[] frame(List<byte[]> records) {
        long size = 0;
        for (byte[] r : records) {
            size += 4L + r.length;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a segment of " + size + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] r : records) {
            out.putInt(r.length).put(r);
        }
        return out.array();
    }

    /** Writes a new segment into the model's folder (creating it) and returns its path. */
    static Path write(Path modelDir, byte[] bytes) throws IOException {
        // Two tries: another process's eviction may remove an empty model folder in between.
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(modelDir);
                Path tmp = Files.createTempFile(modelDir, TEMP_PREFIX, ".part");
                try {
                    Files.write(tmp, bytes);
                    Path segment = modelDir.resolve(String.format(Locale.ROOT, "%013x-%016x%s",
                            System.currentTimeMillis(), RANDOM.nextLong(), SUFFIX));
                    Files.move(tmp, segment, StandardCopyOption.ATOMIC_MOVE);
                    return segment;
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (NoSuchFileException e) {
                if (attempt >= 1) {
                    throw e;
                }
            }
        }
    }

    /** The model's segments, oldest first (none when the folder is absent or unreadable). */
    static List<Path> list(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Hands every intact entry of a segment's bytes to {@code sink}; returns how many were
     * damaged. A frame whose length cannot be right ends the scan: nothing after a torn frame
     * is trusted.
     */
    static int scan(byte[] bytes, EntrySink sink) {
        int damaged = 0;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
            int length = b.getInt();
            if (length < EntryCodec.MIN_LENGTH || length > b.remaining()) {
                return damaged + 1;
            }
            int offset = b.position();
            String text = EntryCodec.textOf(bytes, offset, length);
            if (text == null) {
                damaged++;
            } else {
                sink.entry(text, offset, length);
            }
            b.position(offset + length);
        }
        return damaged;
    }

    /** A segment's bytes, or none when it is gone. */
    static byte[] readOrEmpty(Path segment) {
        try {
            return Files.readAllBytes(segment);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
