package kr.sbert.workbench.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Writes embeddings (one row per sentence) so another program can use them:
 * NumPy {@code .npy} (format 1.0, {@code <f4}, C order, shape {@code (n, d)}) or CSV
 * (no header, one row per sentence, {@link Float#toString} values, which read back exactly).
 */
public final class EmbeddingWriter {

    private EmbeddingWriter() {
    }

    /**
     * NumPy format 1.0: magic {@code \x93NUMPY}, version 1 0, a little-endian uint16 header
     * length, then an ASCII dict padded with spaces and ended by {@code \n} so that the data
     * starts at a multiple of 64 bytes, then the float32 values, row after row.
     */
    public static void writeNpy(Path file, float[][] rows) throws InvalidInputException {
        int d = checkRectangular(file, rows);
        byte[] header = npyHeader(rows.length, d);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header);
            ByteBuffer row = ByteBuffer.allocate(d * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                row.clear();
                row.asFloatBuffer().put(r);
                out.write(row.array(), 0, d * Float.BYTES);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** The magic, version, length and padded dict of a {@code (n, d)} float32 array. */
    static byte[] npyHeader(int n, int d) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        int preamble = 6 + 2 + 2;
        int unpadded = preamble + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    public static void writeCsv(Path file, float[][] rows) throws InvalidInputException {
        checkRectangular(file, rows);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder();
            for (float[] r : rows) {
                sb.setLength(0);
                for (int j = 0; j < r.length; j++) {
                    if (j > 0) {
                        sb.append(',');
                    }
                    sb.append(r[j]);
                }
                w.write(sb.append('\n').toString());
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static int checkRectangular(Path file, float[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(file + ": row " + i + " has " + rows[i].length
                        + " values, row 0 has " + d);
            }
        }
        return d;
    }
}
