package kr.sbert.workbench.core.train;

import java.util.Locale;
import kr.sbert.workbench.core.eval.Interval;
import kr.sbert.workbench.core.eval.PairedDifference;

/**
 * Did fine-tuning help? The chosen model ({@code best/}, else {@code final/}) against the base
 * model on the same pairs: the paired-bootstrap difference of the cosine's Spearman (as
 * {@code eval} computes differences), on the dev pairs and, when given, on test pairs that took
 * no part in choosing. The dev difference is optimistic (dev chose the step); the test difference,
 * when there is one, decides.
 *
 * @param chosen     {@code "best"} or {@code "final"}
 * @param chosenStep the step the chosen model is from
 * @param devN       dev pairs with gold
 * @param devBase    the base model's dev Spearman
 * @param devChosen  the chosen model's dev Spearman
 * @param dev        chosen minus base on the dev pairs
 * @param testN      test pairs with gold (0: no test file)
 * @param testBase   the base model's test Spearman (NaN without a test file)
 * @param testChosen the chosen model's test Spearman (NaN without a test file)
 * @param test       chosen minus base on the test pairs, or null
 */
public record Verdict(String chosen, int chosenStep, int devN, double devBase, double devChosen, PairedDifference dev,
                      int testN, double testBase, double testChosen, PairedDifference test) {

    /** The difference that decides: the test one when there is a test file, else the dev one. */
    public PairedDifference deciding() {
        return test != null ? test : dev;
    }

    /** Whether the deciding interval lies wholly above 0. */
    public boolean improved() {
        Interval i = deciding().spearmanInterval();
        return !Double.isNaN(i.lower()) && i.lower() > 0;
    }

    /** Whether the deciding interval lies wholly below 0. */
    public boolean worse() {
        Interval i = deciding().spearmanInterval();
        return !Double.isNaN(i.upper()) && i.upper() < 0;
    }

    /** {@code +0.0123 [-0.0040, 0.0290]}: a Spearman difference with its interval. */
    public static String delta(PairedDifference d) {
        if (d == null || !Double.isFinite(d.spearman())) {
            return "-";
        }
        Interval i = d.spearmanInterval();
        return String.format(Locale.ROOT, "%+.4f [%s, %s]", d.spearman(), signed(i.lower()), signed(i.upper()));
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "-";
    }

    /** The words of the verdict: improved, worse, or not beyond noise. */
    public String conclusion() {
        return improved() ? "improved beyond noise"
                : worse() ? "worse than the base beyond noise"
                : "did not improve beyond noise (the interval holds 0)";
    }

    /**
     * One line: {@code verdict: best (step 7) − base: dev Δ spearman +0.0123 [-0.0040, +0.0290] (n=40);
     * test Δ … (n=…): did not improve beyond noise}.
     */
    public String line() {
        StringBuilder s = new StringBuilder("verdict: ").append(chosen).append(" (step ").append(chosenStep)
                .append(") − base: dev Δ spearman ").append(delta(dev)).append(" (n=").append(devN).append(')');
        if (test != null) {
            s.append("; test Δ spearman ").append(delta(test)).append(" (n=").append(testN).append(')');
        }
        s.append(": ").append(conclusion());
        if (test == null) {
            s.append(" on the dev pairs that also chose the step (optimistic; --test FILE gives the number to trust)");
        } else {
            s.append(" on the test pairs");
        }
        return s.toString();
    }
}
