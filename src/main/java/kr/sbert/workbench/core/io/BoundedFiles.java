package kr.sbert.workbench.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole file only when it is a regular file (not a FIFO, a device such as
 * {@code /dev/urandom}, or a folder) and holds at most a given number of bytes. The budget is
 * enforced while reading, so a file that grows or lies about its size is still cut off.
 */
public final class BoundedFiles {

    /** The file is not a regular file, or is larger than its budget; the message has no path. */
    public static final class RefusedFileException extends IOException {
        RefusedFileException(String message) {
            super(message);
        }
    }

    private BoundedFiles() {
    }

    /**
     * @param what what the file should be, for the message ("a config file")
     * @throws RefusedFileException when not a regular file or over {@code maxBytes}
     * @throws IOException when it cannot be read
     */
    public static byte[] read(Path file, long maxBytes, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new RefusedFileException("not a regular file (a folder, FIFO or device cannot be " + what + ")");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(size, maxBytes, what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
            if (in.read() >= 0) {
                throw tooLarge(maxBytes + 1, maxBytes, what);
            }
            return bytes;
        }
    }

    /** {@link #read} decoded as strict UTF-8 (a BOM is kept; JSON readers skip it). */
    public static String readUtf8(Path file, long maxBytes, String what) throws IOException {
        return decodeUtf8(read(file, maxBytes, what));
    }

    /** Strict UTF-8. @throws CharacterCodingException on malformed bytes */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        // String's own decoder is several times faster in a fresh process; it replaces malformed
        // bytes with U+FFFD, so only text that holds one needs the strict (reporting) decoder.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** "larger than the 16 MB a config file may have". */
    public static String sizeText(long bytes) {
        if (bytes >= 1L << 20) {
            return (bytes >> 20) + " MB";
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KB";
        }
        return bytes + " bytes";
    }

    private static RefusedFileException tooLarge(long size, long maxBytes, String what) {
        return new RefusedFileException((size > maxBytes && size != maxBytes + 1 ? sizeText(size) + ", " : "")
                + "larger than the " + sizeText(maxBytes) + " " + what + " may have");
    }
}
