package kr.sbert.workbench.core.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sentence-transformers model folder says, read without touching the weights: which
 * sub-folder holds the Transformer (root layout {@code ""} or the old {@code 0_Transformer}),
 * its {@code sentence_bert_config.json}, the pooling, the {@code Dense} layers after it and
 * whether embeddings are normalised: the pipeline {@code Transformer → Pooling → Dense* → Normalize?}.
 * A folder without {@code modules.json} is read as the encoder + mean pooling, with a warning,
 * as sentence-transformers does, unless the user chose another pooling for it.
 *
 * @param root            the folder given by the user
 * @param transformerDir  the Transformer module's folder (config, tokenizer and weight files)
 * @param maxSeqLength    tokens fed to the model, including {@code [CLS]}/{@code [SEP]}
 * @param lowerCaseInput  {@code sentence_bert_config.json}'s {@code do_lower_case}
 * @param bertConfig      {@code config.json}, empty for a tokenizer-only folder
 * @param pooling         the Pooling module's settings
 * @param normalize       whether a {@code Normalize} module ends the pipeline
 * @param warnings        things the user should know about this folder
 * @param dense           the {@code Dense} modules after the pooling, in order
 * @param hasModules      whether the folder lists its modules ({@code modules.json}); without, the
 *                        pooling is the workbench's (or the user's) choice
 */
public record ModelFolder(Path root, Path transformerDir, int maxSeqLength, boolean lowerCaseInput,
                          Optional<BertConfig> bertConfig, PoolingConfig pooling, boolean normalize,
                          List<String> warnings, List<DenseConfig> dense, boolean hasModules) {

    static final String TRANSFORMER = "sentence_transformers.models.Transformer";
    static final String POOLING = "sentence_transformers.models.Pooling";
    static final String NORMALIZE = "sentence_transformers.models.Normalize";
    static final String DENSE = "sentence_transformers.models.Dense";
    /** Used when neither the model nor the tokenizer states a length limit. */
    static final int FALLBACK_MAX_SEQ_LENGTH = 512;

    public ModelFolder {
        warnings = List.copyOf(warnings);
        dense = List.copyOf(dense);
    }

    /** Reads the folder's layout and configs; fails with one line naming the file at fault. */
    public static ModelFolder read(Path root) throws MalformedModelException {
        return read(root, null);
    }

    /**
     * As {@link #read(Path)}, with the pooling a user chose for a folder without {@code modules.json}
     * (null: mean, as sentence-transformers does); a folder whose modules set the pooling refuses a choice.
     */
    public static ModelFolder read(Path root, PoolingMode chosenPooling) throws MalformedModelException {
        if (!Files.isDirectory(root)) {
            throw new MalformedModelException(root + ": not a folder");
        }
        List<String> warnings = new ArrayList<>();
        Path modulesFile = root.resolve("modules.json");
        Path transformerDir = root;
        Path poolingDir = null;
        boolean normalize = false;
        List<DenseConfig> dense = new ArrayList<>();
        boolean hasModules = ModelFiles.present(modulesFile);
        if (hasModules && chosenPooling != null) {
            throw new MalformedModelException(root + ": its modules.json sets the pooling (1_Pooling);"
                    + " a pooling can be chosen only for a folder without modules.json");
        }
        if (hasModules) {
            JsonElement modules = JsonFiles.read(modulesFile);
            if (!modules.isJsonArray()) {
                throw new MalformedModelException(modulesFile + ": expected a JSON array of modules");
            }
            boolean sawTransformer = false;
            int index = 0;
            for (JsonElement m : modules.getAsJsonArray()) {
                if (!m.isJsonObject()) {
                    throw new MalformedModelException(modulesFile + ": module " + index + " is not an object");
                }
                JsonObject module = m.getAsJsonObject();
                String type = JsonFiles.stringField(module, "type", "");
                Path dir = moduleDir(root, JsonFiles.stringField(module, "path", ""), modulesFile);
                switch (type) {
                    case TRANSFORMER -> {
                        if (sawTransformer || index != 0) {
                            throw new MalformedModelException(modulesFile + ": the Transformer must be the one and first module");
                        }
                        sawTransformer = true;
                        transformerDir = dir;
                    }
                    case POOLING -> {
                        if (!sawTransformer || poolingDir != null || normalize) {
                            throw new MalformedModelException(modulesFile + ": Pooling must follow the Transformer, once");
                        }
                        poolingDir = dir;
                    }
                    case DENSE -> {
                        if (poolingDir == null || normalize) {
                            throw new MalformedModelException(modulesFile + ": a Dense module must follow Pooling,"
                                    + " before Normalize");
                        }
                        dense.add(DenseConfig.read(dir));
                    }
                    case NORMALIZE -> {
                        if (poolingDir == null || normalize) {
                            throw new MalformedModelException(modulesFile + ": Normalize must follow Pooling (once)");
                        }
                        normalize = true;
                    }
                    default -> throw new MalformedModelException(modulesFile + ": module " + index + " has type '"
                            + kr.sbert.workbench.core.UserText.quote(type) + "', which the workbench does not support"
                            + " (Transformer, Pooling, Dense, Normalize)");
                }
                index++;
            }
            if (!sawTransformer) {
                throw new MalformedModelException(modulesFile + ": lists no " + TRANSFORMER + " module");
            }
            if (poolingDir == null) {
                throw new MalformedModelException(modulesFile + ": lists no " + POOLING + " module");
            }
        } else if (chosenPooling == null) {
            warnings.add(root + " has no modules.json: read with mean pooling, as sentence-transformers does"
                    + " (some such models, e.g. KoSimCSE, are meant to be read by their first token: choose cls pooling)");
        }
        if (!Files.isDirectory(transformerDir)) {
            throw new MalformedModelException(modulesFile + ": Transformer folder " + transformerDir + " does not exist");
        }

        Optional<BertConfig> bert = Optional.empty();
        Path configFile = transformerDir.resolve("config.json");
        if (ModelFiles.present(configFile)) {
            bert = Optional.of(BertConfig.read(configFile));
        }

        int maxSeqLength;
        boolean lowerCase = false;
        Path stConfig = transformerDir.resolve("sentence_bert_config.json");
        JsonObject st = ModelFiles.present(stConfig) ? JsonFiles.readObject(stConfig) : new JsonObject();
        lowerCase = JsonFiles.boolField(st, "do_lower_case", false, stConfig);
        int limit = defaultMaxSeqLength(transformerDir, bert);
        maxSeqLength = JsonFiles.intField(st, "max_seq_length", limit, stConfig);
        if (maxSeqLength < 2) {
            throw new MalformedModelException(stConfig + ": max_seq_length " + maxSeqLength
                    + " leaves no room for [CLS] and [SEP]");
        }
        if (bert.isPresent() && maxSeqLength > bert.get().maxTokens()) {
            throw new MalformedModelException(stConfig + ": max_seq_length " + maxSeqLength
                    + " exceeds the " + bert.get().maxTokens() + " tokens max_position_embeddings "
                    + bert.get().maxPositionEmbeddings() + " of " + configFile + " holds");
        }
        if (lowerCase) {
            warnings.add(stConfig + " sets do_lower_case: input text is lower-cased before tokenizing");
        }

        int hidden = bert.map(BertConfig::hiddenSize).orElse(0);
        PoolingConfig pooling = poolingDir == null
                ? new PoolingConfig(hidden, List.of(chosenPooling == null ? PoolingMode.MEAN : chosenPooling))
                : PoolingConfig.read(poolingDir.resolve("config.json"));
        if (hidden > 0 && pooling.dimension() > 0 && pooling.dimension() != hidden) {
            throw new MalformedModelException(poolingDir.resolve("config.json") + ": word_embedding_dimension "
                    + pooling.dimension() + " does not match hidden_size " + hidden + " of " + configFile);
        }
        int width = pooling.outputDimension(hidden);
        for (DenseConfig d : dense) {
            if (hidden > 0 && d.inFeatures() != width) {
                throw new MalformedModelException(d.dir().resolve("config.json") + ": in_features " + d.inFeatures()
                        + " does not match the " + width + " values the module before it gives");
            }
            width = d.outFeatures();
        }
        return new ModelFolder(root, transformerDir, maxSeqLength, lowerCase, bert, pooling, normalize, warnings,
                dense, hasModules);
    }

    /** Size of the sentence embedding: the pooled width, or the last Dense module's {@code out_features}. */
    public int embeddingDimension() {
        int hidden = bertConfig.map(BertConfig::hiddenSize).orElse(pooling.dimension());
        return dense.isEmpty() ? pooling.outputDimension(hidden) : dense.get(dense.size() - 1).outFeatures();
    }

    /** Like {@link #read} but fails when the folder has no {@code config.json} (weights are needed). */
    public BertConfig requireBertConfig() throws MalformedModelException {
        return bertConfig.orElseThrow(() -> new MalformedModelException(
                transformerDir.resolve("config.json") + ": missing (a model folder needs config.json and weights)"));
    }

    /**
     * A module's folder, which must lie inside the model folder: checked on the resolved paths
     * ({@code toRealPath}), so a module path that is a symlink to a folder elsewhere is refused too.
     */
    private static Path moduleDir(Path root, String path, Path modulesFile) throws MalformedModelException {
        Path dir;
        try {
            dir = root.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new MalformedModelException(modulesFile + ": module path '" + kr.sbert.workbench.core.UserText.quote(path)
                    + "' is not a valid path");
        }
        if (!dir.startsWith(root.normalize())) {
            throw new MalformedModelException(modulesFile + ": module path '" + path + "' leaves the model folder");
        }
        if (Files.exists(dir)) {
            try {
                if (!dir.toRealPath().startsWith(root.toRealPath())) {
                    throw new MalformedModelException(modulesFile + ": module path '" + path
                            + "' leads outside the model folder (through a symbolic link)");
                }
            } catch (java.io.IOException e) {
                throw new MalformedModelException(modulesFile + ": module path '" + path + "' cannot be resolved", e);
            }
        }
        return dir;
    }

    /**
     * sentence-transformers' rule when {@code max_seq_length} is missing: the smaller of
     * {@code max_position_embeddings} and the tokenizer's {@code model_max_length}.
     */
    private static int defaultMaxSeqLength(Path transformerDir, Optional<BertConfig> bert)
            throws MalformedModelException {
        long limit = bert.map(b -> (long) b.maxTokens()).orElse(Long.MAX_VALUE);
        Path tokConfig = transformerDir.resolve("tokenizer_config.json");
        if (ModelFiles.present(tokConfig)) {
            JsonElement e = JsonFiles.readObject(tokConfig).get("model_max_length");
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                // as a double: BigDecimal arithmetic on a literal like -1e999999999 would run for hours
                double v = e.getAsDouble();
                if (!(v >= 1)) {
                    throw new MalformedModelException(tokConfig + ": model_max_length must be a positive number, got "
                            + kr.sbert.workbench.core.io.BoundedJson.describe(e));
                }
                if (v < limit) {
                    limit = (long) v;
                }
            }
        }
        return limit == Long.MAX_VALUE ? FALLBACK_MAX_SEQ_LENGTH : (int) Math.min(limit, Integer.MAX_VALUE);
    }
}
