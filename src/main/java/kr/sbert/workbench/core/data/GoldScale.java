package kr.sbert.workbench.core.data;

/**
 * The scale a data set's gold is on, which decides how it is binarised for F1.
 * KorSTS and KLUE's {@code label}/{@code real-label} are 0–5 (similar when ≥ 3.0);
 * KLUE's {@code binary-label} is 0/1 (similar when 1); generic files are inferred from
 * their values ({@link #infer}).
 */
public enum GoldScale {
    /** 0–5, similar when gold ≥ 3.0. */
    ZERO_TO_FIVE(3.0),
    /** 0 or 1, similar when gold ≥ 0.5. */
    BINARY(0.5),
    /** Anything else: no binary view. */
    OTHER(Double.NaN);

    private final double similarAt;

    GoldScale(double similarAt) {
        this.similarAt = similarAt;
    }

    /** Gold at or above this value counts as "similar"; NaN when the scale has no binary view. */
    public double similarAt() {
        return similarAt;
    }

    /** BINARY when every value is 0 or 1, ZERO_TO_FIVE when every value is in [0, 5], else OTHER. */
    public static GoldScale infer(Iterable<SentencePair> pairs) {
        boolean binary = true;
        boolean zeroToFive = true;
        boolean any = false;
        for (SentencePair p : pairs) {
            if (!p.hasGold()) {
                continue;
            }
            any = true;
            double g = p.gold();
            binary &= g == 0.0 || g == 1.0;
            zeroToFive &= g >= 0.0 && g <= 5.0;
        }
        if (!any) {
            return ZERO_TO_FIVE;
        }
        return binary ? BINARY : zeroToFive ? ZERO_TO_FIVE : OTHER;
    }
}
