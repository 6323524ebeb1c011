package kr.sbert.workbench.core.cache;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.CRC32;

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
        void entry(String key, long offset, int length);
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
                if (!Files.isDirectory(modelDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(modelDir + " is a link, not a folder of the cache");
                }
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
        if (!Files.isDirectory(modelDir, LinkOption.NOFOLLOW_LINKS)) { // a link to elsewhere is not ours
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Hands every intact entry of an open segment to {@code sink} (keyed by {@link Hashing#textKey}),
     * reading it entry by entry through a small buffer: memory stays at one text whatever the
     * file holds. Returns how many entries were damaged. A frame whose length cannot be right ends
     * the scan: nothing after a torn frame is trusted.
     */
    static int scan(FileChannel ch, EntrySink sink) throws IOException {
        long size = ch.size();
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch.position(0)), 1 << 16);
        byte[] header = new byte[EntryCodec.HEADER];
        byte[] buf = new byte[1 << 16];
        int damaged = 0;
        long pos = 0;
        while (size - pos >= 4) {
            int length = Integer.reverseBytes(readInt(in));
            pos += 4;
            if (length < EntryCodec.MIN_LENGTH || length > size - pos) {
                return damaged + 1;
            }
            long offset = pos;
            in.readNBytes(header, 0, header.length);
            int textLength = EntryCodec.textLength(ByteBuffer.wrap(header), length);
            if (textLength < 0) {
                damaged++;
                in.skipNBytes(length - header.length);
                pos += length;
                continue;
            }
            CRC32 crc = new CRC32();
            crc.update(header);
            byte[] text = in.readNBytes(textLength);
            crc.update(text);
            for (long left = length - header.length - textLength - 4L; left > 0; ) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                if (n <= 0) {
                    return damaged + 1;
                }
                crc.update(buf, 0, n);
                left -= n;
            }
            int stored = Integer.reverseBytes(readInt(in));
            pos += length;
            if (text.length != textLength || stored != (int) crc.getValue()) {
                damaged++;
            } else {
                sink.entry(Hashing.textKey(text), offset, length);
            }
        }
        return damaged;
    }

    private static int readInt(InputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            return 0; // the file shrank: read as a torn frame
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
