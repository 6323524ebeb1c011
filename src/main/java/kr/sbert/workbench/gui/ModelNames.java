package kr.sbert.workbench.gui;

import java.io.File;
import java.util.function.ToDoubleFunction;

/** How a model id is shown where space is short (column titles, legend, the models list). */
public final class ModelNames {
    private static final String BASELINE = "baseline:";

    private ModelNames() {
    }

    /**
     * The last path or hub-id segment, at most 32 characters: {@code /m/tiny-kr-sbert} →
     * {@code tiny-kr-sbert}. A trained model ({@code <run>/best}, {@code <run>/final}) is named
     * after its run; when that is too long its end is kept (start time and best/final), the start
     * elided.
     */
    public static String shortName(String id) {
        String s = lastSegment(id);
        if (s.length() <= 32) {
            return s;
        }
        return trainedModel(id) ? "…" + s.substring(s.length() - 31) : s.substring(0, 31) + "…";
    }

    /** Whether the id is a run's {@code best} or {@code final} folder (named after its run). */
    private static boolean trainedModel(String id) {
        String s = trimSeparators(id);
        return !s.startsWith(BASELINE) && (s.endsWith("/best") || s.endsWith("/final")
                || s.endsWith(File.separator + "best") || s.endsWith(File.separator + "final"));
    }

    /** {@link #shortName} without the {@code baseline:} prefix, for column titles (the full id goes in a tooltip). */
    public static String compact(String id) {
        String s = shortName(id);
        return s.startsWith(BASELINE) ? s.substring(BASELINE.length()) : s;
    }

    /**
     * The variant's own name in full, never shortened: the last segment of a hub id or folder
     * without the {@code baseline:} prefix ({@code snunlp/KR-SBERT-V40K-klueNLI-augSTS} →
     * {@code KR-SBERT-V40K-klueNLI-augSTS}).
     */
    public static String name(String id) {
        String s = lastSegment(id);
        return s.startsWith(BASELINE) ? s.substring(BASELINE.length()) : s;
    }

    /**
     * What {@link #name} leaves out: the hub owner ({@code snunlp}), the parent folder
     * ({@code /work/models}) or {@code baseline}; empty when the id is the name.
     */
    public static String source(String id) {
        String s = trimSeparators(id);
        if (s.startsWith(BASELINE)) {
            return "baseline";
        }
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(File.separatorChar));
        if (trainedModel(s) && cut > 0) {
            // the run's name is the model's name: the source is the folder of runs
            cut = Math.max(s.lastIndexOf('/', cut - 1), s.lastIndexOf(File.separatorChar, cut - 1));
        }
        if (cut < 0 || cut >= s.length() - 1) {
            return "";
        }
        return cut == 0 ? s.substring(0, 1) : s.substring(0, cut);
    }

    /**
     * The name broken into lines no wider than {@code width} between its parts (after each
     * {@code -} and {@code _}), so {@code KR-SBERT-Medium-klueNLI-klueSTS} reads
     * {@code KR-SBERT-Medium-} / {@code klueNLI-klueSTS} rather than being cut inside a word
     * (JavaFX wraps only at white space). A part wider than the width gets a line of its own.
     */
    public static String wrap(String name, double width, ToDoubleFunction<String> measure) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        StringBuilder line = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            boolean end = i == name.length();
            if (end || ((name.charAt(i) == '-' || name.charAt(i) == '_') && i > 0 && i < name.length() - 1)) {
                String part = name.substring(start, end ? i : i + 1);
                start = i + 1;
                if (line.length() > 0 && measure.applyAsDouble(line + part) > width) {
                    out.append(line).append('\n');
                    line.setLength(0);
                }
                line.append(part);
            }
        }
        return out.append(line).toString();
    }

    private static String lastSegment(String id) {
        String s = trimSeparators(id);
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(File.separatorChar));
        if (trainedModel(s) && cut > 0) {
            // "<run>/best": every trained model would be "best" without its run's name
            int before = Math.max(s.lastIndexOf('/', cut - 1), s.lastIndexOf(File.separatorChar, cut - 1));
            return s.substring(before + 1);
        }
        if (cut >= 0 && cut < s.length() - 1) {
            s = s.substring(cut + 1);
        }
        return s;
    }

    private static String trimSeparators(String id) {
        String s = id;
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith(File.separator))) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
