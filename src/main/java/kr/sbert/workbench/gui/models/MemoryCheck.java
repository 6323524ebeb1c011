package kr.sbert.workbench.gui.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.sbert.workbench.core.hub.ModelRef;
import kr.sbert.workbench.core.model.weights.WeightFiles;

/**
 * Whether a model about to load fits in the memory the machine has free: its weights as float32
 * (what the encoder computes in: about the checkpoint's size for a float32 file, the catalog's
 * size for a variant) plus a margin for the forward pass, against {@code MemAvailable} of
 * {@code /proc/meminfo}. Used to ask before ticking a model that will not fit (bge-m3's shape
 * needs about 2.3 GB).
 */
public final class MemoryCheck {
    /** Activations of a batch, the tokenizer and the JNI buffers beside the weights. */
    static final long MARGIN_BYTES = 400L << 20;
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:[.,][0-9]+)?) ([MG])B");

    private MemoryCheck() {
    }

    /** Bytes the model will need once loaded, when its size is known. */
    public static OptionalLong neededBytes(ModelEntry entry) {
        OptionalLong weights = sizeText(entry.size());
        if (weights.isEmpty() && entry.kind() == ModelKind.ADDED) {
            weights = folderWeights(entry.id());
        }
        return weights.isPresent() ? OptionalLong.of(weights.getAsLong() + MARGIN_BYTES) : OptionalLong.empty();
    }

    /** {@code 467 MB}, {@code ≈2.27 GB} → bytes (decimal units, as the catalog writes them). */
    static OptionalLong sizeText(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        double v = Double.parseDouble(m.group(1).replace(',', '.'));
        return OptionalLong.of((long) (v * (m.group(2).equals("G") ? 1e9 : 1e6)));
    }

    private static OptionalLong folderWeights(String id) {
        try {
            ModelRef ref = ModelRef.parse(id);
            if (ref.kind() != ModelRef.Kind.FOLDER) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Files.size(WeightFiles.choose(ref.folder())));
        } catch (Exception e) {
            return OptionalLong.empty(); // the load itself will say what is wrong with the folder
        }
    }

    /** {@code MemAvailable} of {@code /proc/meminfo}, empty where there is none. */
    public static OptionalLong availableBytes() {
        return availableBytes(Path.of("/proc/meminfo"));
    }

    static OptionalLong availableBytes(Path meminfo) {
        try {
            List<String> lines = Files.readAllLines(meminfo);
            for (String line : lines) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.substring(13).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: no check
        }
        return OptionalLong.empty();
    }

    /** The warning to show when the model needs more than is free, or null when it fits (or nothing is known). */
    public static String warning(ModelEntry entry) {
        OptionalLong need = neededBytes(entry);
        OptionalLong free = availableBytes();
        if (need.isEmpty() || free.isEmpty() || need.getAsLong() <= free.getAsLong()) {
            return null;
        }
        return String.format(Locale.ROOT, "%s needs about %.1f GB of memory once loaded; about %.1f GB is free."
                        + " Loading it may fail or make the machine swap; untick other models or close programs first.",
                entry.id(), need.getAsLong() / 1e9, free.getAsLong() / 1e9);
    }
}
