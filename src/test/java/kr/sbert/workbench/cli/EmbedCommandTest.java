package kr.sbert.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.sbert.workbench.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embed} against the tiny fixture's embeddings. */
class EmbedCommandTest {
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    static void assertEmbedding(float[] got, int id) {
        float[] expected = Fixtures.floats(Fixtures.tinySentences().get(id).getAsJsonArray("embedding"));
        assertThat(got).as("sentence %d", id).hasSameSizeAs(expected);
        for (int d = 0; d < expected.length; d++) {
            assertThat((double) got[d]).as("sentence %d element %d", id, d).isCloseTo(expected[d], within(TOLERANCE));
        }
    }

    @Test
    void jsonEmbeddingsMatchTheFixture() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < Fixtures.tinySentences().size(); id++) {
            if (id < 26 || id > 28) { // 26–28 need --nfc (see SentenceTransformerModelTest)
                ids.add(id);
            }
        }
        Path input = Cli.jsonl(tmp.resolve("texts.jsonl"),
                ids.stream().map(id -> Fixtures.tinySentences().get(id).get("text").getAsString()).toList());

        Cli.Result r = Cli.run("embed", "--model", model.toString(), "--json", "--input", input.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<JsonObject> lines = r.jsonLines();
        assertThat(lines).hasSize(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(lines.get(i).get("text").getAsString())
                    .isEqualTo(Fixtures.tinySentences().get(ids.get(i)).get("text").getAsString());
            assertEmbedding(Fixtures.floats(lines.get(i).getAsJsonArray("embedding")), ids.get(i));
        }
    }

    @Test
    void plainOutputKeepsATextWithLineBreaksOnItsOwnLine() {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        Path input = Cli.jsonl(tmp.resolve("texts.jsonl"), List.of("첫 줄\n둘째 줄", "셋째"));

        Cli.Result embed = Cli.run("embed", "--model", model.toString(), "--input", input.toString());
        Cli.Result tokenize = Cli.run("tokenize", "--model", model.toString(), "--input", input.toString());

        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.out().lines().toList()).hasSize(4).first().isEqualTo("첫 줄\\n둘째 줄");
        assertThat(tokenize.code()).as(tokenize.err()).isZero();
        assertThat(tokenize.out().lines().toList()).contains("첫 줄\\n둘째 줄", "셋째");
    }

    @Test
    void dataSetToNpyHoldsBothSentencesOfEveryPairInOrder() throws Exception {
        Path model = Fixtures.copyModel(Fixtures.tinyModel(), tmp.resolve("model"));
        List<int[]> pairs = new ArrayList<>();
        StringBuilder csv = new StringBuilder("sentence1,sentence2\n");
        for (JsonElement e : Fixtures.tinyExpected().getAsJsonArray("pairs")) {
            JsonObject p = e.getAsJsonObject();
            pairs.add(new int[] {p.get("a").getAsInt(), p.get("b").getAsInt()});
            csv.append(quote(text(p.get("a").getAsInt()))).append(',').append(quote(text(p.get("b").getAsInt())))
                    .append('\n');
        }
        Path data = Files.writeString(tmp.resolve("pairs.csv"), csv, StandardCharsets.UTF_8);
        Path npy = tmp.resolve("out.npy");

        // --nfc: the pairs include the fixture's non-NFC sentences (26-28), which the fixture normalised.
        Cli.Result r = Cli.run("embed", "--model", model.toString(), "--nfc", "--data", data.toString(),
                "--out", npy.toString());

        assertThat(r.code()).as(r.err()).isZero();
        float[][] rows = readNpy(npy);
        assertThat(rows).hasNumberOfRows(2 * pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            assertEmbedding(rows[2 * i], pairs.get(i)[0]);
            assertEmbedding(rows[2 * i + 1], pairs.get(i)[1]);
        }
    }

    private static String text(int id) {
        return Fixtures.tinySentences().get(id).get("text").getAsString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A float32 C-order 2-D .npy, read as NumPy's format 1.0 documents it. */
    static float[][] readNpy(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        assertThat(magic).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y');
        assertThat(b.get()).isEqualTo((byte) 1);
        b.get();
        int headerLength = Short.toUnsignedInt(b.getShort());
        byte[] headerBytes = new byte[headerLength];
        b.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'").contains("'fortran_order': False").endsWith("\n");
        assertThat(b.position() % 64).isZero();
        Matcher m = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
        assertThat(m.find()).as(header).isTrue();
        int n = Integer.parseInt(m.group(1));
        int d = Integer.parseInt(m.group(2));
        assertThat(b.remaining()).isEqualTo(n * d * 4);
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            b.asFloatBuffer().get(row);
            b.position(b.position() + 4 * d);
        }
        return rows;
    }
}
