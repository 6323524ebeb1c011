package kr.sbert.workbench.core.model.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.model.MalformedModelException;

/** Finds the weight file in a transformer folder and reads it, whatever its format. */
public final class WeightFiles {

    /** Looked for in this order, as transformers does (safetensors preferred). */
    static final List<String> CANDIDATES = List.of(
            "model.safetensors", "model.safetensors.index.json",
            "pytorch_model.bin", "pytorch_model.bin.index.json");

    private static final String INDEX_SUFFIX = ".index.json";
    private static final long MAX_INDEX_BYTES = 100_000_000L;

    private WeightFiles() {
    }

    /**
     * @return the preferred weight file in {@code transformerDir}: {@code model.safetensors},
     *         else a sharded safetensors index, else {@code pytorch_model.bin}, else its index
     * @throws MalformedModelException if none exists, naming the folder and the files looked for
     */
    public static Path choose(Path transformerDir) throws MalformedModelException {
        for (String name : CANDIDATES) {
            Path candidate = transformerDir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new MalformedModelException(transformerDir + ": no weight file (looked for "
                + String.join(", ", CANDIDATES) + ")");
    }

    /**
     * Reads a weight file, telling safetensors from a PyTorch checkpoint by its first bytes
     * (not its name); a {@code *.index.json} reads every shard it lists.
     */
    public static Map<String, RawTensor> read(Path file) throws MalformedModelException {
        if (FileRegions.name(file).endsWith(INDEX_SUFFIX)) {
            return readSharded(file);
        }
        WeightFormat format;
        try {
            format = WeightFormat.of(file);
        } catch (IOException e) {
            throw new MalformedModelException(FileRegions.name(file) + ": cannot read (" + e.getMessage() + ")", e);
        }
        return switch (format) {
            case SAFETENSORS -> SafetensorsReader.read(file);
            case TORCH_ZIP, TORCH_LEGACY -> TorchCheckpointReader.read(file);
            case UNKNOWN -> throw new MalformedModelException(FileRegions.name(file)
                    + ": not a weight file (neither safetensors nor a PyTorch checkpoint)");
        };
    }

    /** {@code {"weight_map": {tensor: shard file}}}; shards must sit beside the index. */
    private static Map<String, RawTensor> readSharded(Path index) throws MalformedModelException {
        String fn = FileRegions.name(index);
        JsonObject weightMap;
        try {
            if (Files.size(index) > MAX_INDEX_BYTES) {
                throw new MalformedModelException(fn + ": index is larger than 100 MB");
            }
            JsonElement root = JsonParser.parseString(Files.readString(index));
            JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
            if (map == null || !map.isJsonObject()) {
                throw new MalformedModelException(fn + ": missing 'weight_map' object");
            }
            weightMap = map.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new MalformedModelException(fn + ": cannot read the shard index (" + e.getMessage() + ")", e);
        }
        Map<String, Map<String, RawTensor>> shards = new LinkedHashMap<>();
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
            JsonElement v = e.getValue();
            String shard = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : "";
            if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.equals("..") || shard.equals(".")) {
                throw new MalformedModelException(fn + ": weight_map entry '" + e.getKey()
                        + "' names shard " + v + " (must be a file name beside the index)");
            }
            Map<String, RawTensor> shardTensors = shards.get(shard);
            if (shardTensors == null) {
                shardTensors = read(index.resolveSibling(shard));
                shards.put(shard, shardTensors);
            }
            RawTensor t = shardTensors.get(e.getKey());
            if (t == null) {
                throw new MalformedModelException(fn + ": tensor '" + e.getKey() + "' is not in shard " + shard);
            }
            tensors.put(e.getKey(), t);
        }
        return tensors;
    }
}
