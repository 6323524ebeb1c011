package kr.sbert.workbench.core.data;

import java.util.Locale;
import java.util.Optional;

/**
 * Which KLUE-STS label is the gold: {@code labels.label} (0–5, one decimal; the default),
 * {@code labels.real-label} (annotators' mean, which KLUE's Pearson uses) or
 * {@code labels.binary-label} (1 when real-label ≥ 3.0, which KLUE's F1 uses).
 */
public enum GoldField {
    LABEL("label"),
    REAL_LABEL("real-label"),
    BINARY_LABEL("binary-label");

    private final String jsonKey;

    GoldField(String jsonKey) {
        this.jsonKey = jsonKey;
    }

    /** The key inside KLUE's {@code labels} object. */
    public String jsonKey() {
        return jsonKey;
    }

    public static Optional<GoldField> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (GoldField g : values()) {
            if (g.jsonKey.equals(n)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
