package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.text.TokenizerSettings;

/**
 * Computes a loaded model's {@link ModelIdentity}: the weight file's content hash plus a hash
 * over the folder's small files (configs, pooling, tokenizer files, two levels deep; weight
 * files of every format and files over 16 MB are left out).
 */
public final class ModelIdentities {
    private static final Set<String> WEIGHT_SUFFIXES = Set.of(".safetensors", ".bin", ".pt", ".pth", ".h5",
            ".onnx", ".msgpack", ".ot", ".ckpt", ".gguf");
    /** Every tokenizer file a reader accepts is hashed (bge-m3's tokenizer.json is 17 MB). */
    private static final long SMALL_FILE = kr.sbert.workbench.core.Limits.TOKENIZER_MAX_BYTES;
    private final WeightDigests weights;

    /** @param memoDir where weight hashes are memoised across runs (null: in memory only) */
    public ModelIdentities(Path memoDir) {
        this.weights = new WeightDigests(memoDir);
    }

    /** Memo files in {@code weight-digests/} under the cache folder. */
    public static ModelIdentities in(CacheSettings settings) {
        return new ModelIdentities(settings.root().resolve("weight-digests"));
    }

    /**
     * @param info     the loaded model's facts (folder, weight file, dimension, max_seq_length)
     * @param settings the tokenizer settings the model runs with
     */
    public ModelIdentity of(ModelInfo info, TokenizerSettings settings) throws IOException {
        Path weightFile = info.folder().resolve(info.weightFile());
        StringBuilder head = new StringBuilder();
        for (String dense : info.headWeightFiles()) {
            head.append(head.isEmpty() ? "" : ",").append(weights.digest(info.folder().resolve(dense)));
        }
        return new ModelIdentity(weights.digest(weightFile), smallFilesHash(info.folder()), settings.maxSeqLength(),
                settings.lowerCaseInput(), settings.nfc(), info.dimension(), String.join("+", info.pooling()),
                head.toString(), settings.prompt());
    }

    static String smallFilesHash(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder, 2)) {
            files = s.filter(p -> !folder.relativize(p).toString().isEmpty())
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .filter(p -> !isWeightFile(p))
                    .sorted()
                    .toList();
        }
        MessageDigest md = Hashing.sha256();
        for (Path p : files) {
            if (Files.size(p) > SMALL_FILE) {
                continue;
            }
            md.update(folder.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Hashing.sha256(p).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '\n');
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean isWeightFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return WEIGHT_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
