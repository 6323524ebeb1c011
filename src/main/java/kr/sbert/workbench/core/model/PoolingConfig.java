package kr.sbert.workbench.core.model;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code Pooling} module's settings.
 *
 * @param dimension {@code word_embedding_dimension}, or 0 when the file does not say
 * @param modes     the modes that are on, in concatenation order (never empty)
 * @param includePrompt {@code include_prompt} (newer sentence-transformers; default true): whether a
 *                  prompt's tokens count in the pooling
 */
public record PoolingConfig(int dimension, List<PoolingMode> modes, boolean includePrompt) {

    /** A pooling that counts every token, a prompt's included. */
    public PoolingConfig(int dimension, List<PoolingMode> modes) {
        this(dimension, modes, true);
    }

    private static final Set<String> KNOWN_OTHER_KEYS = Set.of("word_embedding_dimension", "include_prompt");

    public PoolingConfig {
        modes = List.copyOf(modes);
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("at least one pooling mode is needed");
        }
    }

    /** Mean pooling, what sentence-transformers uses when a folder has no {@code modules.json}. */
    public static PoolingConfig mean(int dimension) {
        return new PoolingConfig(dimension, List.of(PoolingMode.MEAN));
    }

    public static PoolingConfig read(Path file) throws MalformedModelException {
        JsonObject o = JsonFiles.readObject(file);
        List<PoolingMode> modes = new ArrayList<>();
        for (PoolingMode mode : PoolingMode.values()) {
            if (JsonFiles.boolField(o, mode.configKey(), false, file)) {
                modes.add(mode);
            }
        }
        for (String key : o.keySet()) {
            boolean known = KNOWN_OTHER_KEYS.contains(key)
                    || modes.stream().anyMatch(m -> m.configKey().equals(key))
                    || java.util.Arrays.stream(PoolingMode.values()).anyMatch(m -> m.configKey().equals(key));
            if (!known && key.startsWith("pooling_mode")) {
                throw new MalformedModelException(file + ": unknown pooling setting '" + key + "'");
            }
        }
        if (modes.isEmpty()) {
            throw new MalformedModelException(file + ": no pooling mode is switched on");
        }
        return new PoolingConfig(JsonFiles.intField(o, "word_embedding_dimension", 0, file), modes,
                JsonFiles.boolField(o, "include_prompt", true, file));
    }

    /** Size of the pooled embedding for token embeddings of size {@code hidden}. */
    public int outputDimension(int hidden) {
        return hidden * modes.size();
    }
}
