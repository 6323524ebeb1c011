package kr.sbert.workbench.core.train;

import java.util.Locale;

/** The losses training offers, by their command-line names. */
public enum LossKind {
    /** {@code CosineSimilarityLoss}: MSE of the cosine against gold/scale. */
    COSINE,
    /** {@code CoSENTLoss}, scale 20. */
    COSENT;

    public PairLoss create() {
        return this == COSINE ? new CosineSimilarityLoss() : new CoSentLoss();
    }

    /** The name used in flags, logs and settings files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
