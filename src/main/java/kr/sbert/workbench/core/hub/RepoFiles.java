package kr.sbert.workbench.core.hub;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kr.sbert.workbench.core.model.EncoderFamily;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedFiles;
import kr.sbert.workbench.core.io.BoundedJson;

/**
 * Which files of a repo a sentence-transformers model (BERT, RoBERTa, XLM-R) needs, and whether a
 * snapshot has them. A SentencePiece model file is fetched only when the folder has no
 * {@code tokenizer.json} (the loader then says what is missing).
 *
 * <p>Needed: the root's {@code modules.json}, {@code config_sentence_transformers.json},
 * {@code sentence_bert_config.json}, {@code config.json}, tokenizer files and {@code README.md};
 * in each Transformer module folder (the root, or e.g. {@code 0_Transformer/} in the old layout)
 * the config and tokenizer files and ONE weight file ({@code model.safetensors} if listed, else
 * {@code pytorch_model.bin}); in every other module folder ({@code 1_Pooling/}, {@code 2_Normalize/},
 * {@code 2_Dense/}) its files, again with at most one weight file. TF, Flax, ONNX, OpenVINO and
 * Rust copies are never fetched.
 *
 * <p>For the tokenizer alone ({@link #selectTokenizer}): the same root and Transformer files
 * without any weight file or {@code README.md}, and only the {@code .json} configs of the other
 * module folders — a few hundred kB, laid out in the same snapshot, so a later full download
 * fetches just what is still missing.
 */
final class RepoFiles {
    static final String MODULES = "modules.json";
    static final String SAFETENSORS = "model.safetensors";
    static final String PYTORCH_BIN = "pytorch_model.bin";
    // The root config.json of the old layout is sentence-transformers' own {"__version__": …} file.
    private static final List<String> ROOT_EXTRAS = List.of(MODULES, "config_sentence_transformers.json", "config.json", "README.md");
    private static final List<String> TRANSFORMER_FILES = List.of("config.json", "sentence_bert_config.json",
            "tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json", "added_tokens.json");
    private static final List<String> NEVER = List.of("tf_model.h5", "flax_model.msgpack", "rust_model.ot",
            "model.ckpt", ".onnx", "openvino", ".h5", ".msgpack", ".ot", ".tflite", "coreml");

    /** One entry of {@code modules.json}. */
    record Module(String path, String type) {
        boolean isTransformer() {
            return type.endsWith(".Transformer") || type.equals("Transformer");
        }

        boolean isNormalize() {
            return type.endsWith(".Normalize") || type.equals("Normalize");
        }
    }

    /** What to fetch, with the Transformer folder's config and weight file named. */
    record Selection(List<String> files, List<String> configs, List<String> weights) {
    }

    private RepoFiles() {
    }

    /** The modules of a model; without {@code modules.json}, a Transformer at the root. */
    static List<Module> readModules(Path modulesJson, String what) throws HubException {
        if (modulesJson == null || !Files.exists(modulesJson)) {
            return List.of(new Module("", "sentence_transformers.models.Transformer"));
        }
        try {
            JsonElement root = readJson(modulesJson);
            if (!root.isJsonArray()) {
                throw new HubException(what + ": modules.json is " + BoundedJson.describe(root) + ", not a list of modules");
            }
            List<Module> modules = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray()) {
                if (!e.isJsonObject()) {
                    throw new HubException(what + ": modules.json lists " + BoundedJson.describe(e) + ", not a module {path, type}");
                }
                JsonObject o = e.getAsJsonObject();
                String path = string(o, "path");
                String type = string(o, "type");
                if (path == null || type == null) {
                    throw new HubException(what + ": modules.json has a module whose path or type is not a string");
                }
                if (!path.isEmpty()) {
                    HubCache.checkRepoPath(path);
                }
                modules.add(new Module(path, type));
            }
            return modules;
        } catch (IOException | BoundedJson.JsonProblem e) {
            throw new HubException(what + ": modules.json is not a list of modules {path, type}: "
                    + UserText.quote(e.getMessage()), e);
        }
    }

    /** A small JSON file of the snapshot, within the config budgets. */
    private static JsonElement readJson(Path file) throws IOException, BoundedJson.JsonProblem {
        return BoundedJson.parse(BoundedFiles.readUtf8(file, Limits.CONFIG_MAX_BYTES, "a config file"));
    }

    /** A string member; "" when absent, null when present but not a string. */
    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return "";
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    /**
     * Picks the files to fetch from the repo's file list.
     *
     * @throws HubException when the repo has no Transformer config or no weight file we can read
     */
    static Selection select(String repoId, List<String> siblings, List<Module> modules) throws HubException {
        return select(repoId, siblings, modules, true);
    }

    /**
     * Picks the files a tokenizer-only load needs: configs and tokenizer files, never weights.
     *
     * @throws HubException when the repo has no Transformer config or no tokenizer file
     */
    static Selection selectTokenizer(String repoId, List<String> siblings, List<Module> modules) throws HubException {
        return select(repoId, siblings, modules, false);
    }

    private static Selection select(String repoId, List<String> siblings, List<Module> modules, boolean withWeights)
            throws HubException {
        Set<String> listed = Set.copyOf(siblings);
        LinkedHashSet<String> files = new LinkedHashSet<>();
        List<String> configs = new ArrayList<>();
        List<String> weights = new ArrayList<>();
        for (String name : ROOT_EXTRAS) {
            if (listed.contains(name) && (withWeights || !name.equals("README.md"))) {
                files.add(name);
            }
        }
        boolean anyTransformer = false;
        for (Module m : modules) {
            String prefix = m.path().isEmpty() ? "" : m.path() + "/";
            if (m.isTransformer()) {
                anyTransformer = true;
                for (String name : TRANSFORMER_FILES) {
                    if (listed.contains(prefix + name)) {
                        files.add(prefix + name);
                    }
                }
                if (!listed.contains(prefix + "tokenizer.json")) {
                    for (String spm : kr.sbert.workbench.core.text.TokenizerLoader.SENTENCEPIECE_FILES) {
                        if (listed.contains(prefix + spm)) {
                            files.add(prefix + spm);
                        }
                    }
                }
                if (!listed.contains(prefix + "config.json")) {
                    throw new HubException(repoId + " is not a sentence-transformers model: no "
                            + prefix + "config.json in the repo");
                }
                configs.add(prefix + "config.json");
                // checked before any weight is fetched: a 2 GB download the loader then refuses helps no one
                if (!listed.contains(prefix + "tokenizer.json") && !listed.contains(prefix + "vocab.txt")) {
                    throw new HubException(repoId + " has no tokenizer the workbench reads: neither " + prefix
                            + "tokenizer.json nor " + prefix + "vocab.txt is in the repo (a SentencePiece model is read"
                            + " only through tokenizer.json)");
                }
                if (!withWeights) {
                    continue;
                }
                String weight = weightIn(listed, prefix);
                if (weight == null) {
                    throw new HubException(repoId + " is not a sentence-transformers model the workbench can read: no "
                            + prefix + SAFETENSORS + " or " + prefix + PYTORCH_BIN + " (sharded, TF, Flax or ONNX weights are not supported)");
                }
                files.add(weight);
                weights.add(weight);
            } else if (!prefix.isEmpty()) {
                String weight = weightIn(listed, prefix);
                for (String s : siblings) {
                    if (s.startsWith(prefix) && !isNever(s) && !isWeight(s) && (withWeights || s.endsWith(".json"))) {
                        files.add(s);
                    }
                }
                if (weight != null && withWeights) {
                    files.add(weight);
                    weights.add(weight);
                }
            }
        }
        if (!anyTransformer) {
            throw new HubException(repoId + " is not a sentence-transformers model: modules.json has no Transformer module");
        }
        return new Selection(List.copyOf(files), List.copyOf(configs), List.copyOf(weights));
    }

    /**
     * Refuses a Transformer {@code config.json} of a graph the encoder does not compute, before
     * any weight is fetched: a {@code model_type} other than bert, roberta or xlm-roberta, or
     * (without one) {@code architectures} of none of those families.
     */
    static void checkBertConfig(String repoId, String repoPath, Path config) throws HubException {
        JsonObject o;
        try {
            JsonElement root = readJson(config);
            if (!root.isJsonObject()) {
                throw new HubException(repoId + ": " + repoPath + " is not a JSON object");
            }
            o = root.getAsJsonObject();
        } catch (IOException | BoundedJson.JsonProblem e) {
            throw new HubException(repoId + ": " + repoPath + " is not a JSON object: " + UserText.quote(e.getMessage()), e);
        }
        String modelType = string(o, "model_type");
        if (o.has("model_type") && (modelType == null || EncoderFamily.ofModelType(modelType) == null)) {
            throw new HubException(repoId + " is not a model the workbench runs: " + repoPath + " says model_type "
                    + BoundedJson.describe(o.get("model_type")) + " (" + EncoderFamily.supportedTypes() + " are supported)");
        }
        if (!o.has("model_type") && o.has("architectures") && o.get("architectures").isJsonArray()) {
            boolean known = false;
            for (JsonElement a : o.getAsJsonArray("architectures")) {
                if (a.isJsonPrimitive()) {
                    String name = a.getAsString();
                    known |= name.startsWith("Bert") || name.startsWith("Roberta") || name.startsWith("XLMRoberta");
                }
            }
            if (!known) {
                throw new HubException(repoId + " is not a model the workbench runs: " + repoPath + " lists architectures "
                        + UserText.quote(o.get("architectures")) + " (BERT, RoBERTa and XLM-R models are supported)");
            }
        }
    }

    /**
     * What a snapshot folder lacks to be loaded as a sentence-transformers BERT (empty = complete):
     * per Transformer folder a config, a weight file and a tokenizer; every other module folder.
     */
    static List<String> missingIn(Path snapshot) {
        return missing(snapshot, true);
    }

    private static List<String> missing(Path snapshot, boolean withWeights) {
        List<String> missing = new ArrayList<>();
        List<Module> modules;
        try {
            Path modulesJson = snapshot.resolve(MODULES);
            modules = readModules(Files.exists(modulesJson) ? modulesJson : null, snapshot.toString());
        } catch (HubException e) {
            return List.of(MODULES + " (unreadable)");
        }
        for (Module m : modules) {
            Path dir = m.path().isEmpty() ? snapshot : snapshot.resolve(m.path());
            String prefix = m.path().isEmpty() ? "" : m.path() + "/";
            if (m.isTransformer()) {
                if (withWeights && !Files.isRegularFile(dir.resolve("config.json"))) {
                    missing.add(prefix + "config.json");
                }
                if (withWeights && !Files.isRegularFile(dir.resolve(SAFETENSORS)) && !Files.isRegularFile(dir.resolve(PYTORCH_BIN))) {
                    missing.add(prefix + SAFETENSORS + " or " + PYTORCH_BIN);
                }
                if (!Files.isRegularFile(dir.resolve("tokenizer.json")) && !Files.isRegularFile(dir.resolve("vocab.txt"))) {
                    boolean spm = kr.sbert.workbench.core.text.TokenizerLoader.SENTENCEPIECE_FILES.stream()
                            .anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
                    missing.add(prefix + (spm ? "tokenizer.json (a SentencePiece model alone is not read)"
                            : "tokenizer.json or vocab.txt"));
                }
            } else if (!m.isNormalize() && !Files.isDirectory(dir)) {
                // Normalize has no files: its folder is empty, so a repo never holds it
                missing.add(prefix);
            }
        }
        return missing;
    }

    /**
     * What a snapshot folder lacks for a tokenizer-only load (empty = enough): per Transformer
     * folder a tokenizer file; every other module folder.
     */
    static List<String> missingForTokenizerIn(Path snapshot) {
        return missing(snapshot, false);
    }

    private static String weightIn(Set<String> listed, String prefix) {
        if (listed.contains(prefix + SAFETENSORS)) {
            return prefix + SAFETENSORS;
        }
        return listed.contains(prefix + PYTORCH_BIN) ? prefix + PYTORCH_BIN : null;
    }

    private static boolean isWeight(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(SAFETENSORS) || name.equals(PYTORCH_BIN);
    }

    private static boolean isNever(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String bad : NEVER) {
            if (lower.contains(bad)) {
                return true;
            }
        }
        return false;
    }
}
