package kr.sbert.workbench.gui.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.train.LossKind;

/**
 * {@code train-form.json} beside the workspace: the Train form as typed (base model id, files,
 * every setting, the runs folder) and the run folders opened in the Runs view. Written after every
 * change (replaced whole, never half a file) and read when the window starts, so the form and the
 * runs list come back after a restart or a crash. A file that cannot be read is ignored (the form
 * starts with its defaults).
 */
final class TrainFormStore {
    private static final Logger LOG = Logger.getLogger(TrainFormStore.class.getName());
    private final Path file;
    private final Executor executor;
    private boolean restoring;

    TrainFormStore(Path file, Executor executor) {
        this.file = file;
        this.executor = executor;
    }

    /** Fills the form from the file, if there is one. */
    void restore(TrainViewModel vm) {
        JsonObject o;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
                return;
            }
            o = BoundedJson.parse(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | BoundedJson.JsonProblem | IllegalStateException e) {
            LOG.log(Level.WARNING, file + ": not restored", e);
            return;
        }
        restoring = true;
        try {
            vm.savedBaseIdProperty().set(str(o, "base"));
            vm.trainFileProperty().set(path(str(o, "train")));
            vm.devFileProperty().set(path(str(o, "dev")));
            vm.testFileProperty().set(path(str(o, "test")));
            vm.devFromTableProperty().set(o.has("dev_from_table") && o.get("dev_from_table").getAsBoolean());
            String loss = str(o, "loss");
            for (LossKind k : LossKind.values()) {
                if (k.key().equals(loss)) {
                    vm.lossProperty().set(k);
                }
            }
            text(o, "epochs", vm.epochsProperty());
            text(o, "batch_size", vm.batchSizeProperty());
            text(o, "lr", vm.lrProperty());
            text(o, "warmup_ratio", vm.warmupRatioProperty());
            text(o, "weight_decay", vm.weightDecayProperty());
            text(o, "max_grad_norm", vm.maxGradNormProperty());
            text(o, "eval_steps", vm.evalStepsProperty());
            text(o, "early_stopping", vm.earlyStoppingProperty());
            text(o, "seed", vm.seedProperty());
            if (o.has("shuffle")) {
                vm.shuffleProperty().set(o.get("shuffle").getAsBoolean());
            }
            Path root = path(str(o, "runs_folder"));
            if (root != null) {
                vm.outputRootProperty().set(root);
            }
            if (o.get("opened_runs") instanceof JsonArray a) {
                for (JsonElement e : a) {
                    Path p = path(e.isJsonPrimitive() ? e.getAsString() : null);
                    if (p != null && !vm.runs().opened().contains(p)) {
                        vm.runs().opened().add(p);
                    }
                }
            }
            if (o.get("picked_runs") instanceof JsonArray a) {
                for (JsonElement e : a) {
                    Path p = path(e.isJsonPrimitive() ? e.getAsString() : null);
                    if (p != null) {
                        vm.runs().picked().add(p);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, file + ": partly restored", e);
        } finally {
            restoring = false;
        }
    }

    /** Saves the form after every change to it. */
    void watch(TrainViewModel vm) {
        InvalidationListener save = (Observable o) -> {
            if (!restoring) {
                save(vm);
            }
        };
        List<Observable> fields = List.of(vm.baseProperty(), vm.trainFileProperty(), vm.devFileProperty(),
                vm.testFileProperty(), vm.devFromTableProperty(), vm.lossProperty(), vm.epochsProperty(),
                vm.batchSizeProperty(), vm.lrProperty(), vm.warmupRatioProperty(), vm.weightDecayProperty(),
                vm.maxGradNormProperty(), vm.evalStepsProperty(), vm.earlyStoppingProperty(), vm.seedProperty(),
                vm.shuffleProperty(), vm.outputRootProperty());
        fields.forEach(f -> f.addListener(save));
        vm.runs().opened().addListener((ListChangeListener<Path>) c -> save(vm));
        vm.runs().picked().addListener((ListChangeListener<Path>) c -> {
            if (!restoring) {
                save(vm);
            }
        });
    }

    /** Takes the form's values now (FX thread) and writes them on the executor. */
    void save(TrainViewModel vm) {
        JsonObject o = new JsonObject();
        String base = vm.baseProperty().get() != null ? vm.baseProperty().get().id() : vm.savedBaseIdProperty().get();
        o.addProperty("base", base);
        o.addProperty("train", str(vm.trainFileProperty().get()));
        o.addProperty("dev", str(vm.devFileProperty().get()));
        o.addProperty("test", str(vm.testFileProperty().get()));
        o.addProperty("dev_from_table", vm.devFromTableProperty().get());
        o.addProperty("loss", vm.lossProperty().get() == null ? null : vm.lossProperty().get().key());
        o.addProperty("epochs", vm.epochsProperty().get());
        o.addProperty("batch_size", vm.batchSizeProperty().get());
        o.addProperty("lr", vm.lrProperty().get());
        o.addProperty("warmup_ratio", vm.warmupRatioProperty().get());
        o.addProperty("weight_decay", vm.weightDecayProperty().get());
        o.addProperty("max_grad_norm", vm.maxGradNormProperty().get());
        o.addProperty("eval_steps", vm.evalStepsProperty().get());
        o.addProperty("early_stopping", vm.earlyStoppingProperty().get());
        o.addProperty("seed", vm.seedProperty().get());
        o.addProperty("shuffle", vm.shuffleProperty().get());
        o.addProperty("runs_folder", str(vm.outputRootProperty().get()));
        JsonArray opened = new JsonArray();
        vm.runs().opened().forEach(p -> opened.add(p.toString()));
        o.add("opened_runs", opened);
        JsonArray picked = new JsonArray();
        vm.runs().picked().forEach(p -> picked.add(p.toString()));
        o.add("picked_runs", picked);
        String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
        executor.execute(() -> write(text));
    }

    private synchronized void write(String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".train-form-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, file + ": the Train form was not saved", e);
        }
    }

    private static void text(JsonObject o, String key, StringProperty target) {
        String v = str(o, key);
        if (v != null) {
            target.set(v);
        }
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }

    private static Path path(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
