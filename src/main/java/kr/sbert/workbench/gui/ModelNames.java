package kr.sbert.workbench.gui;

import java.io.File;

/** How a model id is shown where space is short (column titles, legend). */
public final class ModelNames {
    private ModelNames() {
    }

    /** The last path or hub-id segment, at most 32 characters: {@code /m/tiny-kr-sbert} → {@code tiny-kr-sbert}. */
    public static String shortName(String id) {
        String s = id;
        while (s.length() > 1 && (s.endsWith("/") || s.endsWith(File.separator))) {
            s = s.substring(0, s.length() - 1);
        }
        int cut = Math.max(s.lastIndexOf('/'), s.lastIndexOf(File.separatorChar));
        if (cut >= 0 && cut < s.length() - 1) {
            s = s.substring(cut + 1);
        }
        return s.length() > 32 ? s.substring(0, 31) + "…" : s;
    }

    /** {@link #shortName} without the {@code baseline:} prefix, for column titles (the full id goes in a tooltip). */
    public static String compact(String id) {
        String s = shortName(id);
        return s.startsWith("baseline:") ? s.substring("baseline:".length()) : s;
    }
}
