package kr.sbert.workbench.core.eval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lexical baselines that need no download, selectable as models by name. */
public final class Baselines {
    /** Every baseline name, e.g. {@code baseline:char-ngram}. */
    public static final List<String> NAMES = List.of(CharNgramTfidfScorer.NAME, JaccardScorer.NAME);

    private Baselines() {
    }

    /** Whether {@code spec} names a baseline (starts with {@code baseline:}), known or not. */
    public static boolean isBaselineSpec(String spec) {
        return spec.trim().toLowerCase(Locale.ROOT).startsWith("baseline:");
    }

    /** A new scorer for the given name (case-insensitive), or empty. */
    public static Optional<PairScorer> byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case CharNgramTfidfScorer.NAME -> Optional.of(new CharNgramTfidfScorer());
            case JaccardScorer.NAME -> Optional.of(new JaccardScorer());
            default -> Optional.empty();
        };
    }

    public static List<String> names() {
        return NAMES;
    }
}
