package kr.sbert.workbench.core.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.model.weights.RawTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip layout and pickle bytes {@link TorchScriptArchive} writes, checked without libtorch. */
class TorchScriptArchiveTest {
    @TempDir
    Path tmp;

    private static ByteBuffer floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b;
    }

    @Test
    void recordsSitInOneFolderWithVersionByteorderCodeAndStorages() throws Exception {
        Path pt = tmp.resolve("tiny.pt");
        new TorchScriptArchive("__torch__.a.b.Net")
                .parameter("w", floats(1, 2, 3, 4, 5, 6), 2, 3)
                .buffer("ids", new long[] {7, 8}, 1, 2)
                .method("def forward(self, x: Tensor) -> Tensor:\n  return torch.add(x, self.w)\n")
                .write(pt);
        try (ZipFile zip = new ZipFile(pt.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertThat(names).containsExactly("tiny/data.pkl", "tiny/code/__torch__/a/b.py", "tiny/constants.pkl",
                    "tiny/data/0", "tiny/data/1", "tiny/.data/version", "tiny/byteorder");
            assertThat(zip.stream()).allMatch(e -> e.getMethod() == ZipEntry.STORED);
            assertThat(read(zip, "tiny/.data/version")).isEqualTo("10\n");
            assertThat(read(zip, "tiny/byteorder")).isEqualTo("little");
            String code = read(zip, "tiny/code/__torch__/a/b.py");
            assertThat(code).startsWith("class Net(Module):\n  __parameters__ = [\"w\", ]\n  training : bool\n"
                    + "  w : Tensor\n  ids : Tensor\n  def forward(self, x: Tensor) -> Tensor:\n");
            ByteBuffer w = ByteBuffer.wrap(zip.getInputStream(zip.getEntry("tiny/data/0")).readAllBytes())
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertThat(w.remaining()).isEqualTo(24);
            assertThat(w.getFloat(20)).isEqualTo(6f);
            ByteBuffer ids = ByteBuffer.wrap(zip.getInputStream(zip.getEntry("tiny/data/1")).readAllBytes())
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertThat(ids.getLong(8)).isEqualTo(8L);
            // an empty tuple: PROTO 2, EMPTY_TUPLE, STOP
            assertThat(zip.getInputStream(zip.getEntry("tiny/constants.pkl")).readAllBytes())
                    .containsExactly(0x80, 2, ')', '.');
        }
    }

    /** Walks the local headers: every record's bytes start on a 64-byte boundary, as torch writes them. */
    @Test
    void everyRecordStartsOnA64ByteBoundary() throws Exception {
        Path pt = tmp.resolve("aligned.pt");
        new TorchScriptArchive("__torch__.Net").parameter("a", floats(1), 1).parameter("b", floats(1, 2, 3), 3)
                .method("def forward(self, x: Tensor) -> Tensor:\n  return x\n").write(pt);
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(pt)).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        int records = 0;
        while (file.getInt(offset) == 0x04034b50) {
            int size = file.getInt(offset + 18);
            int dataStart = offset + 30 + Short.toUnsignedInt(file.getShort(offset + 26))
                    + Short.toUnsignedInt(file.getShort(offset + 28));
            assertThat(dataStart % 64).as("record %d", records).isZero();
            offset = dataStart + size;
            records++;
        }
        assertThat(records).isEqualTo(7);
    }

    @Test
    void picklesIntsInTheShortestFormTheUnpicklerReads() {
        byte[] p = new TorchPickleWriter().integer(5).integer(300).integer(-1).integer(1L << 40).toByteArray();
        assertThat(p).containsExactly(0x80, 2, 'K', 5, 'M', 0x2c, 0x01, 'J', 0xff, 0xff, 0xff, 0xff,
                0x8a, 8, 0, 0, 0, 0, 0, 1, 0, 0, '.');
    }

    @Test
    void aMissingOrMisshapenTensorIsRefusedByName() {
        BertConfig config = BertConfig.of(100, 8, 1, 2, 16);
        Map<String, RawTensor> none = new HashMap<>();
        assertThatThrownBy(() -> TorchScriptBert.write(tmp.resolve("x.pt"), config, none))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("embeddings.word_embeddings.weight");
        Map<String, RawTensor> wrong = new HashMap<>();
        wrong.put("bert.embeddings.word_embeddings.weight", new RawTensor("bert.embeddings.word_embeddings.weight",
                kr.sbert.workbench.core.model.weights.TensorDType.F32, new long[] {100, 9}, floats(new float[900])));
        assertThatThrownBy(() -> TorchScriptBert.write(tmp.resolve("x.pt"), config, wrong))
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("[100, 9]");
    }

    private static String read(ZipFile zip, String name) throws Exception {
        return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
    }
}
