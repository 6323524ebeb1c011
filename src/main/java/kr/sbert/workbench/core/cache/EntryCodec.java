package kr.sbert.workbench.core.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import kr.sbert.workbench.core.Limits;

/**
 * The bytes of one disk entry: magic {@code KRSE}, format version, dimension, the exact text
 * (UTF-8, so a hash collision can never return another text's vector), the floats
 * (little-endian) and a CRC-32 of everything before it. {@link #decode} accepts only an entry
 * whose length, header, text and checksum all agree.
 */
final class EntryCodec {
    private static final int MAGIC = 0x4553524B; // "KRSE" read little-endian
    private static final short VERSION = 1;
    static final int HEADER = 4 + 2 + 4 + 4;
    /** The smallest entry: an empty text and an empty vector. */
    static final int MIN_LENGTH = HEADER + 4;

    private EntryCodec() {
    }

    /**
     * The text's byte length that the header of an entry of {@code length} bytes announces, or -1
     * when the header is not that of an entry this cache writes (wrong magic or version, sizes that
     * disagree with the length, a text or dimension over the cache's budgets).
     */
    static int textLength(ByteBuffer header, int length) {
        ByteBuffer b = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < HEADER || b.getInt() != MAGIC || b.getShort() != VERSION) {
            return -1;
        }
        int dim = b.getInt();
        int textLength = b.getInt();
        if (dim < 0 || dim > Limits.CACHE_DIMENSION_MAX || textLength < 0 || textLength > Limits.CACHE_TEXT_MAX_BYTES
                || (long) HEADER + textLength + 4L * dim + 4 != length) {
            return -1;
        }
        return textLength;
    }

    /** Whether the disk tier keeps this text and vector (both within the cache's budgets). */
    static boolean storable(byte[] utf8, float[] vector) {
        return utf8.length <= Limits.CACHE_TEXT_MAX_BYTES && vector.length <= Limits.CACHE_DIMENSION_MAX;
    }

    static byte[] encode(String text, float[] vector) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER + t.length + 4 * vector.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort(VERSION).putInt(vector.length).putInt(t.length).put(t);
        for (float f : vector) {
            b.putFloat(f);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * The text of the entry at {@code bytes[offset, offset+length)}, or null unless it is a whole,
     * intact entry (header consistent with the length, checksum right).
     */
    static String textOf(byte[] bytes, int offset, int length) {
        if (length < MIN_LENGTH || offset < 0 || offset + (long) length > bytes.length) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC || b.getShort() != VERSION) {
            return null;
        }
        int dim = b.getInt();
        int textLength = b.getInt();
        if (dim < 0 || textLength < 0 || (long) HEADER + textLength + 4L * dim + 4 != length) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length - 4);
        int stored = ByteBuffer.wrap(bytes, offset + length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            return null;
        }
        return new String(bytes, offset + HEADER, textLength, StandardCharsets.UTF_8);
    }

    /** The vector, or null when the bytes are not a whole, intact entry for this text and dimension. */
    static float[] decode(byte[] bytes, String text, int dimension) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != HEADER + t.length + 4L * dimension + 4) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC || b.getShort() != VERSION || b.getInt() != dimension || b.getInt() != t.length) {
            return null;
        }
        if (!Arrays.equals(bytes, HEADER, HEADER + t.length, t, 0, t.length)) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if (ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() != (int) crc.getValue()) {
            return null;
        }
        b.position(HEADER + t.length);
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = b.getFloat();
            if (!Float.isFinite(v[i])) {
                return null;
            }
        }
        return v;
    }
}
