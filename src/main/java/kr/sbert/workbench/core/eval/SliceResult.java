package kr.sbert.workbench.core.eval;

/**
 * One model's metrics on one slice.
 *
 * @param slice  the slice's label (e.g. {@code MSRvid}, {@code gold 3–4})
 * @param pairs  pairs in the slice, with or without gold ({@code result.n()} counts those with gold)
 * @param result the metrics, exactly as {@link Evaluator#evaluate} gives them on the slice alone
 * @param rows   the slice's pairs: their indices in the whole data set, in file order
 */
public record SliceResult(String slice, int pairs, EvaluationResult result, int[] rows) {
}
