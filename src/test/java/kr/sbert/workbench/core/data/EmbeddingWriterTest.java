package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingWriterTest {
    @TempDir
    Path tmp;

    private static final float[][] ROWS = {{1.5f, -2f, 0.1f}, {3f, 4f, -0.25f}};

    @Test
    void npyFollowsFormat1WithA64ByteAlignedHeaderAndLittleEndianFloats() throws Exception {
        Path f = tmp.resolve("e.npy");
        EmbeddingWriter.writeNpy(f, ROWS);
        byte[] b = Files.readAllBytes(f);
        assertThat(b[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(b, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(b[6]).isEqualTo((byte) 1);
        assertThat(b[7]).isEqualTo((byte) 0);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        int dataStart = 10 + headerLen;
        assertThat(dataStart % 64).isZero();
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat(header.strip()).endsWith("}");
        assertThat(b.length).isEqualTo(dataStart + 2 * 3 * 4);
        ByteBuffer data = ByteBuffer.wrap(b, dataStart, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : ROWS) {
            for (float v : row) {
                assertThat(data.getFloat()).isEqualTo(v);
            }
        }
    }

    @Test
    void csvHasOneRowPerEmbeddingThatReadsBackExactly() throws Exception {
        Path f = tmp.resolve("e.csv");
        EmbeddingWriter.writeCsv(f, ROWS);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        for (int i = 0; i < ROWS.length; i++) {
            String[] cells = lines.get(i).split(",");
            assertThat(cells).hasSize(3);
            for (int j = 0; j < 3; j++) {
                assertThat(Float.parseFloat(cells[j])).isEqualTo(ROWS[i][j]);
            }
        }
    }
}
