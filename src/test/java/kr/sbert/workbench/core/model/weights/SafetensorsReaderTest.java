package kr.sbert.workbench.core.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsFixtureWithExpectedNamesAndShapes() throws Exception {
        Map<String, RawTensor> tensors = SafetensorsReader.read(FixtureCheckpoint.modelDir().resolve("model.safetensors"));

        Map<String, long[]> expected = FixtureCheckpoint.expectedShapes();
        assertThat(tensors.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, shape) -> assertThat(tensors.get(name).shape()).as(name).containsExactly(shape));
        for (RawTensor t : tensors.values()) {
            assertThat(t.dtype()).isEqualTo(TensorDType.F32);
            assertThat(t.data().position()).isZero();
            assertThat((long) t.data().limit()).isEqualTo(t.numel() * 4);
            assertThat(t.data().isReadOnly()).isTrue();
            assertThat(t.data().order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Test
    void acceptsMetadataAsStringMap() throws Exception {
        Path file = safetensors("{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);

        Map<String, RawTensor> tensors = SafetensorsReader.read(file);

        assertThat(tensors).containsOnlyKeys("a");
    }

    @Test
    void refusesHeaderClaimingOneTebibyte() throws Exception {
        Path file = dir.resolve("model.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put("{}      ".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, b.array());

        assertRefused(file, "model.safetensors: header claims 1099511627776 bytes (limit 16 MB)");
    }

    @Test
    void refusesHeaderLongerThanTheFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).put("{}      ".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, b.array());

        assertRefused(file, "model.safetensors: header claims 1000 bytes but the file has only 8 after the length field");
    }

    @Test
    void refusesFileShorterThanTheLengthField() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Files.write(file, new byte[] {1, 2, 3});

        assertRefused(file, "model.safetensors: 3 bytes is too short for a safetensors file (needs an 8-byte header length)");
    }

    @Test
    void refusesOverlappingOffsets() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);

        assertRefused(file, "model.safetensors: tensor 'b' data_offsets [4, 12] overlap tensor 'a' (ends at 8)");
    }

    @Test
    void refusesHoleBetweenTensors() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16);

        assertRefused(file, "model.safetensors: tensor 'b' data_offsets begin at 12 leaving a hole after byte 8");
    }

    @Test
    void refusesTruncatedData() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 10);

        assertRefused(file, "model.safetensors: tensor data ends at byte " + (8 + headerLength(file) + 16)
                + " but the file has " + Files.size(file) + " bytes (truncated)");
    }

    @Test
    void refusesTrailingBytes() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 20);

        assertRefused(file, "model.safetensors: tensor data ends at byte " + (8 + headerLength(file) + 16)
                + " but the file has " + Files.size(file) + " bytes (trailing bytes)");
    }

    @Test
    void refusesByteCountThatDoesNotMatchTheShape() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", 8);

        assertRefused(file, "model.safetensors: tensor 'a': data_offsets [0, 8] hold 8 bytes but F16 shape [2, 3] needs 12");
    }

    @Test
    void refusesUnknownDtype() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2);

        assertRefused(file, "model.safetensors: tensor 'a': unknown dtype 'F8_E4M3'");
    }

    @Test
    void refusesNegativeShape() throws Exception {
        Path file = safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0);

        assertRefused(file, "model.safetensors: tensor 'a': 'shape' holds -1 (needs a non-negative integer)");
    }

    @Test
    void refusesHeaderThatIsNotAJsonObject() throws Exception {
        Path file = safetensors("[1,2,3]", 0);

        assertRefused(file, "model.safetensors: header is not a JSON object (does not start with '{')");
    }

    /** The header is JSON: what only a lenient reader would take is refused, naming the file. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}",
        "{a:{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]} // comment\n}",
        "{\"a\":{\"dtype\":F32,\"shape\":[1],\"data_offsets\":[0,4]}}"})
    void refusesAHeaderThatIsNotStrictJson(String header) throws Exception {
        Path file = safetensors(header, 4);

        assertThatThrownBy(() -> SafetensorsReader.read(file)).isInstanceOf(MalformedModelException.class)
                .hasMessageStartingWith("model.safetensors: header: not valid JSON: not strict JSON")
                .hasMessageNotContaining("JsonReader");
    }

    @Test
    void refusesNonStringMetadata() throws Exception {
        Path file = safetensors("{\"__metadata__\":{\"n\":1}}", 0);

        assertRefused(file, "model.safetensors: __metadata__ value 'n' is not a string");
    }

    @Test
    void mapsFilesOverTwoGigabytesRegionByRegion() throws Exception {
        long half = 1_500_000_000L;
        String header = "{\"a\":{\"dtype\":\"U8\",\"shape\":[" + half + "],\"data_offsets\":[0," + half + "]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[" + half + "],\"data_offsets\":[" + half + "," + 2 * half + "]}}";
        Path file = safetensors(header, 0);
        long dataStart = Files.size(file);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            // sparse file: only the last byte of each tensor is written
            ch.write(ByteBuffer.wrap(new byte[] {7}), dataStart + half - 1);
            ch.write(ByteBuffer.wrap(new byte[] {9}), dataStart + 2 * half - 1);
        }

        Map<String, RawTensor> tensors = SafetensorsReader.read(file);

        assertThat(tensors.get("b").data().limit()).isEqualTo((int) half);
        assertThat(tensors.get("a").data().get((int) half - 1)).isEqualTo((byte) 7);
        assertThat(tensors.get("b").data().get((int) half - 1)).isEqualTo((byte) 9);
    }

    /** A file with the given header (space-padded to 8) and {@code dataBytes} bytes of data. */
    private Path safetensors(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int n = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + n + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(n).put(json);
        while (b.position() < 8 + n) {
            b.put((byte) ' ');
        }
        Path file = dir.resolve("model.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static long headerLength(Path file) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> SafetensorsReader.read(file))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage(message);
    }
}
