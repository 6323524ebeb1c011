package kr.sbert.workbench.core.model.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedFiles;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.model.MalformedModelException;

/** Finds the weight file in a transformer folder and reads it, whatever its format. */
public final class WeightFiles {

    /** Looked for in this order, as transformers does (safetensors preferred). */
    static final List<String> CANDIDATES = List.of(
            "model.safetensors", "model.safetensors.index.json",
            "pytorch_model.bin", "pytorch_model.bin.index.json");

    private static final String INDEX_SUFFIX = ".index.json";

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
            if (kr.sbert.workbench.core.model.ModelFiles.present(candidate)) {
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
        try {
            if (FileRegions.name(file).endsWith(INDEX_SUFFIX)) {
                return readSharded(file);
            }
            return readOne(file);
        } catch (StackOverflowError e) {
            // the last guard: every reader is bounded, but a structure nested past the stack is the
            // file's fault, not a bug to report (the stack is unwound by the time we are here)
            throw new MalformedModelException(FileRegions.name(file) + ": nested too deeply to read"
                    + " (a broken or hostile weight file)");
        }
    }

    /** One weight file, never an index (a shard that is an index would let an index name itself). */
    private static Map<String, RawTensor> readOne(Path file) throws MalformedModelException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedModelException(FileRegions.name(file) + ": "
                    + (Files.exists(file) ? "not a regular file" : "missing"));
        }
        WeightFormat format;
        try {
            format = WeightFormat.of(file);
        } catch (IOException e) {
            throw new MalformedModelException(FileRegions.name(file) + ": cannot read ("
                    + UserText.quote(e.getMessage()) + ")", e);
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
            JsonElement root = BoundedJson.parse(BoundedFiles.readUtf8(index, Limits.WEIGHT_INDEX_MAX_BYTES,
                    "a shard index"));
            JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
            if (map == null || !map.isJsonObject()) {
                throw new MalformedModelException(fn + ": missing 'weight_map' object");
            }
            weightMap = map.getAsJsonObject();
        } catch (BoundedJson.JsonProblem | BoundedFiles.RefusedFileException e) {
            throw new MalformedModelException(fn + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedModelException(fn + ": cannot read the shard index (" + UserText.quote(e.getMessage())
                    + ")", e);
        }
        Map<String, Map<String, RawTensor>> shards = new LinkedHashMap<>();
        Map<String, RawTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : weightMap.entrySet()) {
            JsonElement v = e.getValue();
            String shard = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : "";
            if (shard.isEmpty() || shard.contains("/") || shard.contains("\\") || shard.equals("..") || shard.equals(".")
                    || shard.indexOf('\0') >= 0) {
                throw new MalformedModelException(fn + ": weight_map entry '" + UserText.quote(e.getKey())
                        + "' names shard " + BoundedJson.describe(v) + " (must be a file name beside the index)");
            }
            if (shard.endsWith(INDEX_SUFFIX)) {
                // an index naming itself (or another index) would recurse without end
                throw new MalformedModelException(fn + ": weight_map entry '" + UserText.quote(e.getKey())
                        + "' names shard '" + UserText.quote(shard) + "', an index, not a weight file");
            }
            Map<String, RawTensor> shardTensors = shards.get(shard);
            if (shardTensors == null) {
                shardTensors = readOne(index.resolveSibling(shard));
                shards.put(shard, shardTensors);
            }
            RawTensor t = shardTensors.get(e.getKey());
            if (t == null) {
                throw new MalformedModelException(fn + ": tensor '" + UserText.quote(e.getKey()) + "' is not in shard "
                        + UserText.quote(shard));
            }
            tensors.put(e.getKey(), t);
        }
        return tensors;
    }
}
