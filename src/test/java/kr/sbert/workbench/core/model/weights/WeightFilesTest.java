package kr.sbert.workbench.core.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.sbert.workbench.core.model.MalformedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

    @TempDir
    Path dir;

    @Test
    void prefersSafetensorsOverPytorchBin() throws Exception {
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");
        Files.writeString(dir.resolve("model.safetensors"), "x");

        assertThat(WeightFiles.choose(dir)).isEqualTo(dir.resolve("model.safetensors"));
    }

    @Test
    void fallsBackToPytorchBin() throws Exception {
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");

        assertThat(WeightFiles.choose(dir)).isEqualTo(dir.resolve("pytorch_model.bin"));
    }

    @Test
    void namesFolderAndFilesLookedForWhenNoneExists() {
        assertThatThrownBy(() -> WeightFiles.choose(dir))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage(dir + ": no weight file (looked for model.safetensors, model.safetensors.index.json, "
                        + "pytorch_model.bin, pytorch_model.bin.index.json)");
    }

    @Test
    void dispatchesOnContentNotName() throws Exception {
        Path misnamed = dir.resolve("pytorch_model.bin");
        Files.copy(FixtureCheckpoint.modelDir().resolve("model.safetensors"), misnamed);
        Path zipNamedSafetensors = dir.resolve("model.safetensors");
        Files.copy(FixtureCheckpoint.modelDir().resolve("pytorch_model.bin"), zipNamedSafetensors);

        assertThat(FixtureCheckpoint.shapesOf(WeightFiles.read(misnamed)))
                .containsOnlyKeys(FixtureCheckpoint.expectedShapes().keySet());
        assertThat(FixtureCheckpoint.shapesOf(WeightFiles.read(zipNamedSafetensors)))
                .containsOnlyKeys(FixtureCheckpoint.expectedShapes().keySet());
    }

    @Test
    void refusesFileOfNoKnownFormat() throws Exception {
        Path file = dir.resolve("model.safetensors");
        Files.writeString(file, "version https://git-lfs.github.com/spec/v1\n");

        assertThatThrownBy(() -> WeightFiles.read(file))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage("model.safetensors: not a weight file (neither safetensors nor a PyTorch checkpoint)");
    }

    @Test
    void readsShardedCheckpointThroughItsIndex() throws Exception {
        Map<String, RawTensor> first = new LinkedHashMap<>();
        first.put("a", f32("a", 1, 2));
        Map<String, RawTensor> second = new LinkedHashMap<>();
        second.put("b", f32("b", 3));
        SafetensorsWriter.write(dir.resolve("model-00001-of-00002.safetensors"), first, Map.of());
        SafetensorsWriter.write(dir.resolve("model-00002-of-00002.safetensors"), second, Map.of());
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":12},\"weight_map\":"
                + "{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}");

        Path chosen = WeightFiles.choose(dir);
        Map<String, RawTensor> tensors = WeightFiles.read(chosen);

        assertThat(chosen.getFileName().toString()).isEqualTo("model.safetensors.index.json");
        assertThat(tensors.keySet()).containsExactly("a", "b");
        assertThat(TensorConversions.toFloats(tensors.get("b"))).containsExactly(3f);
    }

    @Test
    void refusesShardOutsideTheFolder() throws Exception {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"weight_map\":{\"a\":\"../secret\"}}");

        assertThatThrownBy(() -> WeightFiles.read(dir.resolve("model.safetensors.index.json")))
                .isInstanceOf(MalformedModelException.class)
                .hasMessage("model.safetensors.index.json: weight_map entry 'a' names shard \"../secret\" "
                        + "(must be a file name beside the index)");
    }

    private static RawTensor f32(String name, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return new RawTensor(name, TensorDType.F32, new long[] {values.length}, b.flip());
    }
}
