package kr.sbert.workbench.core.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.model.DropoutRates;

/**
 * {@code train-settings.json}: every setting of a run, the base model's identity, the data files
 * with their sha256, and the versions of what ran it — enough to repeat the run.
 */
public final class TrainSettingsFile {

    private TrainSettingsFile() {
    }

    /**
     * The identity of the model a run started from.
     *
     * @param spec     what the user named (a folder, or a hub id)
     * @param folder   the folder it was loaded from
     * @param revision the hub snapshot's commit, or "" for a plain folder
     */
    public record BaseModel(String spec, Path folder, String revision, String pipeline, String prompt) {

        public BaseModel(String spec, Path folder, String revision) {
            this(spec, folder, revision, "", "");
        }

        /** The hub commit when {@code folder} is a huggingface_hub snapshot ({@code snapshots/<commit>}). */
        public static BaseModel of(String spec, Path folder) {
            Path abs = folder.toAbsolutePath().normalize();
            Path parent = abs.getParent();
            boolean snapshot = parent != null && parent.getFileName() != null
                    && parent.getFileName().toString().equals("snapshots") && abs.getFileName() != null;
            return new BaseModel(spec, abs, snapshot ? abs.getFileName().toString() : "");
        }

        /** As {@link #of(String, Path)}, with the loaded model's pipeline and the prompt it trains with. */
        public static BaseModel of(String spec, Path folder, kr.sbert.workbench.core.model.ModelInfo info) {
            BaseModel b = of(spec, folder);
            return new BaseModel(b.spec(), b.folder(), b.revision(), info.pipeline(), info.prompt());
        }
    }

    public static void write(Path file, TrainSettings s, int totalSteps, int stepsPerEpoch, BaseModel base,
                             DropoutRates dropout, StsDataset train, StsDataset dev, Map<String, String> versions)
            throws IOException {
        write(file, s, totalSteps, stepsPerEpoch, base, dropout, train, dev, 0, versions);
    }

    /**
     * As above; {@code dev} may be null when the dev pairs were not read from a file (the window's
     * table), described then by their count.
     */
    public static void write(Path file, TrainSettings s, int totalSteps, int stepsPerEpoch, BaseModel base,
                             DropoutRates dropout, StsDataset train, StsDataset dev, int devPairsNotFromFile,
                             Map<String, String> versions) throws IOException {
        write(file, s, totalSteps, stepsPerEpoch, base, dropout, train, dev, devPairsNotFromFile, null, versions);
    }

    /** As above, with the test file (null: none). */
    public static void write(Path file, TrainSettings s, int totalSteps, int stepsPerEpoch, BaseModel base,
                             DropoutRates dropout, StsDataset train, StsDataset dev, int devPairsNotFromFile,
                             StsDataset test, Map<String, String> versions) throws IOException {
        JsonObject o = new JsonObject();
        JsonObject settings = new JsonObject();
        settings.addProperty("loss", s.loss().key());
        settings.addProperty("epochs", s.epochs());
        settings.addProperty("batch_size", s.batchSize());
        settings.addProperty("lr", s.lr());
        settings.addProperty("warmup_steps", s.warmupFor(totalSteps));
        if (s.warmupSteps() < 0) {
            settings.addProperty("warmup_ratio", s.warmupRatio());
        }
        settings.addProperty("weight_decay", s.weightDecay());
        settings.addProperty("max_grad_norm", s.maxGradNorm());
        settings.addProperty("eval_steps", s.evalSteps());
        settings.addProperty("shuffle", s.shuffle());
        settings.addProperty("seed", s.seed());
        settings.addProperty("max_seq_length", s.maxSeqLength());
        settings.addProperty("early_stopping", s.earlyStopping());
        settings.addProperty("steps_per_epoch", stepsPerEpoch);
        settings.addProperty("total_steps", totalSteps);
        settings.addProperty("scheduler", "WarmupLinear");
        settings.addProperty("optimizer", "AdamW(betas=(0.9, 0.999), eps=1e-8); no decay for bias, LayerNorm.bias,"
                + " LayerNorm.weight");
        settings.addProperty("hidden_dropout_prob", dropout.hidden());
        settings.addProperty("attention_probs_dropout_prob", dropout.attention());
        o.add("settings", settings);
        JsonObject model = new JsonObject();
        model.addProperty("model", base.spec());
        model.addProperty("folder", base.folder().toString());
        model.addProperty("revision", base.revision());
        if (!base.pipeline().isEmpty()) {
            model.addProperty("pipeline", base.pipeline());
            model.addProperty("prompt", base.prompt());
        }
        o.add("base_model", model);
        JsonArray data = new JsonArray();
        data.add(dataFile("train", train));
        if (dev != null) {
            data.add(dataFile("dev", dev));
        } else {
            JsonObject table = new JsonObject();
            table.addProperty("role", "dev");
            table.addProperty("file", "(the pairs in the window's table)");
            table.addProperty("pairs", devPairsNotFromFile);
            data.add(table);
        }
        if (test != null) {
            data.add(dataFile("test", test));
        }
        o.add("data", data);
        JsonObject v = new JsonObject();
        versions.forEach(v::addProperty);
        o.add("versions", v);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n",
                StandardCharsets.UTF_8);
    }

    private static JsonObject dataFile(String role, StsDataset d) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("role", role);
        o.addProperty("file", d.source().toAbsolutePath().toString());
        o.addProperty("sha256", sha256(d.source()));
        o.addProperty("format", d.format().cliName());
        o.addProperty("encoding", d.encoding().label());
        o.addProperty("gold_scale", d.goldScale().toString());
        o.addProperty("pairs", d.pairs().size());
        o.addProperty("skipped_lines", d.skipped().size());
        return o;
    }

    /** Hex sha256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static List<String> keys() {
        return List.of("settings", "base_model", "data", "versions");
    }
}
