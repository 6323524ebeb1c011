package kr.sbert.workbench.core.eval;

/**
 * A confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound
 */
public record Interval(double lower, double upper) {

    public boolean contains(double v) {
        return v >= lower && v <= upper;
    }

    /** Whether the whole interval is on one side of zero. */
    public boolean excludesZero() {
        return lower > 0 || upper < 0;
    }
}
