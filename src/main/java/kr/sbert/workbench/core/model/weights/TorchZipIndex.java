package kr.sbert.workbench.core.model.weights;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.sbert.workbench.core.model.MalformedModelException;

/**
 * The entries of a {@code torch.save} zip, read from its central directory (ZIP64 included)
 * so that each stored entry's data can be mapped in place. Only what a checkpoint needs is
 * supported: stored (uncompressed) entries, no encryption, no multi-disk archives.
 */
final class TorchZipIndex {

    /** More entries than any real checkpoint has; a bound against hostile archives. */
    static final int MAX_ENTRIES = 1_000_000;

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int STORED = 0;

    /** One entry: where its bytes start in the file and how many there are. */
    record Entry(String name, long dataOffset, long size) {
    }

    private final Map<String, Entry> entries;
    private final String firstName;

    private TorchZipIndex(Map<String, Entry> entries, String firstName) {
        this.entries = entries;
        this.firstName = firstName;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** The name of the first entry in the central directory (it carries the archive's folder). */
    String firstName() {
        return firstName;
    }

    static TorchZipIndex read(FileRegions file, String fn) throws MalformedModelException {
        long size = file.size();
        int tailLength = (int) Math.min(size, 22 + 65535);
        ByteBuffer tail = file.slice(size - tailLength, tailLength, "zip end record");
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIGNATURE) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new MalformedModelException(fn + ": zip end-of-central-directory record not found (truncated file?)");
        }
        long count = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        long eocdPos = size - tailLength + eocd;
        if ((count == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) && eocdPos >= 20) {
            ByteBuffer locator = file.slice(eocdPos - 20, 20, "zip64 locator");
            if (locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
                ByteBuffer z = file.slice(locator.getLong(8), 56, "zip64 end record");
                if (z.getInt(0) != ZIP64_EOCD_SIGNATURE) {
                    throw new MalformedModelException(fn + ": zip64 end record is corrupt");
                }
                count = z.getLong(32);
                cdSize = z.getLong(40);
                cdOffset = z.getLong(48);
            }
        }
        if (count < 0 || count > MAX_ENTRIES) {
            throw new MalformedModelException(fn + ": zip claims " + count + " entries (limit " + MAX_ENTRIES + ")");
        }
        ByteBuffer cd = file.slice(cdOffset, cdSize, "zip central directory");
        Map<String, Entry> entries = new LinkedHashMap<>();
        String first = null;
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + 46 > cd.limit() || cd.getInt(p) != CENTRAL_SIGNATURE) {
                throw new MalformedModelException(fn + ": zip central directory entry " + i + " is corrupt");
            }
            int flags = Short.toUnsignedInt(cd.getShort(p + 8));
            int method = Short.toUnsignedInt(cd.getShort(p + 10));
            long compressed = Integer.toUnsignedLong(cd.getInt(p + 20));
            long uncompressed = Integer.toUnsignedLong(cd.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(cd.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(cd.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(cd.getShort(p + 32));
            long localOffset = Integer.toUnsignedLong(cd.getInt(p + 42));
            if (p + 46 + nameLength + extraLength + commentLength > cd.limit()) {
                throw new MalformedModelException(fn + ": zip central directory entry " + i + " is corrupt");
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // ZIP64 extra field: the 0xFFFFFFFF fields, in this order, are 8-byte values there.
            int x = p + 46 + nameLength;
            int xEnd = x + extraLength;
            while (x + 4 <= xEnd) {
                int id = Short.toUnsignedInt(cd.getShort(x));
                int len = Short.toUnsignedInt(cd.getShort(x + 2));
                if (id == 0x0001) {
                    int q = x + 4;
                    if (uncompressed == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        uncompressed = cd.getLong(q);
                        q += 8;
                    }
                    if (compressed == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        compressed = cd.getLong(q);
                        q += 8;
                    }
                    if (localOffset == 0xFFFFFFFFL && q + 8 <= xEnd) {
                        localOffset = cd.getLong(q);
                    }
                }
                x += 4 + len;
            }
            p += 46 + nameLength + extraLength + commentLength;
            if ((flags & 1) != 0) {
                throw new MalformedModelException(fn + ": zip entry '" + name + "' is encrypted");
            }
            if (method != STORED) {
                throw new MalformedModelException(fn + ": zip entry '" + name + "' is compressed (method " + method
                        + "); torch.save stores entries uncompressed");
            }
            if (compressed != uncompressed || compressed < 0) {
                throw new MalformedModelException(fn + ": zip entry '" + name + "' has inconsistent sizes");
            }
            ByteBuffer local = file.slice(localOffset, 30, "local header of zip entry '" + name + "'");
            if (local.getInt(0) != LOCAL_SIGNATURE) {
                throw new MalformedModelException(fn + ": local header of zip entry '" + name + "' is corrupt");
            }
            long dataOffset = localOffset + 30 + Short.toUnsignedInt(local.getShort(26))
                    + Short.toUnsignedInt(local.getShort(28));
            if (dataOffset > size || uncompressed > size - dataOffset) {
                throw new MalformedModelException(fn + ": zip entry '" + name + "' lies outside the file");
            }
            if (first == null) {
                first = name;
            }
            if (entries.put(name, new Entry(name, dataOffset, uncompressed)) != null) {
                throw new MalformedModelException(fn + ": zip entry '" + name + "' appears twice");
            }
        }
        if (first == null) {
            throw new MalformedModelException(fn + ": zip archive is empty");
        }
        return new TorchZipIndex(entries, first);
    }
}
