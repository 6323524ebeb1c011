package kr.sbert.workbench.core.eval;

import java.util.Arrays;

/**
 * Average ranks (1-based, ties sharing the mean of their ranks, as {@link Correlation#ranks})
 * of a bootstrap resample, found by counting instead of sorting: the values are sorted once
 * into tie groups; a resample's ranks follow from how many draws fell in each group. The
 * result equals ranking the resample afresh, in O(n) per resample instead of O(n log n)
 * with boxed sorting (which made a 5,000-pair bootstrap take seconds).
 */
final class ResampleRanks {
    private final int[] group;
    private final int[] count;
    private final double[] rankOfGroup;

    /** @param values the values resamples are drawn from (NaN is refused, as by {@link Correlation#ranks}) */
    ResampleRanks(double[] values) {
        // Equal values, and only they, share a rank: the distinct ranks name the tie groups in order.
        double[] ranks = Correlation.ranks(values);
        double[] distinct = Arrays.stream(ranks).distinct().sorted().toArray();
        group = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            group[i] = Arrays.binarySearch(distinct, ranks[i]);
        }
        count = new int[distinct.length];
        rankOfGroup = new double[distinct.length];
    }

    /** Writes the ranks of {@code values[draw[0]], values[draw[1]], …} into {@code out}. */
    void rank(int[] draw, double[] out) {
        Arrays.fill(count, 0);
        for (int j : draw) {
            count[group[j]]++;
        }
        int before = 0;
        for (int g = 0; g < count.length; g++) {
            // A group of c values occupying ranks before+1 … before+c gets their mean.
            rankOfGroup[g] = before + (count[g] + 1) / 2.0;
            before += count[g];
        }
        for (int i = 0; i < draw.length; i++) {
            out[i] = rankOfGroup[group[draw[i]]];
        }
    }
}
