package kr.sbert.workbench.core.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import kr.sbert.workbench.core.data.GoldScale;
import kr.sbert.workbench.core.data.SentencePair;

/**
 * Metrics per slice: the data set is cut by {@link SliceKeys} labels and each part evaluated
 * on its own with the same {@link Evaluator} (bootstrap intervals included), so a slice's
 * numbers are exactly those of {@code eval} run on a file holding only that slice.
 */
public final class SliceEvaluator {
    private final Evaluator evaluator;

    public SliceEvaluator(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * @param keys       one slice label per pair
     * @param cosine     the model's similarity per pair (whole data set, input order)
     * @param embeddings the embeddings behind it, or null (baselines)
     * @return one result per slice, slices in label order, {@link SliceKeys#NONE} last
     */
    public List<SliceResult> evaluate(String model, List<SentencePair> pairs, GoldScale scale, String[] keys,
                                      double[] cosine, PairEmbeddings embeddings) {
        if (keys.length != pairs.size() || cosine.length != pairs.size()) {
            throw new IllegalArgumentException(model + ": " + keys.length + " slice keys and " + cosine.length
                    + " scores for " + pairs.size() + " pairs");
        }
        List<SliceResult> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> slice : group(keys).entrySet()) {
            int[] rows = slice.getValue().stream().mapToInt(Integer::intValue).toArray();
            List<SentencePair> part = IntStream.of(rows).mapToObj(pairs::get).toList();
            double[] cos = IntStream.of(rows).mapToDouble(i -> cosine[i]).toArray();
            PairEmbeddings emb = embeddings == null ? null : new PairEmbeddings(embeddings.sentences(),
                    embeddings.vectors(), IntStream.of(rows).map(i -> embeddings.first()[i]).toArray(),
                    IntStream.of(rows).map(i -> embeddings.second()[i]).toArray());
            out.add(new SliceResult(slice.getKey(), rows.length,
                    evaluator.evaluate(model, part, scale, 0, cos, emb), rows));
        }
        return out;
    }

    /** Rows per label, labels sorted, the "(none)" slice last. */
    static Map<String, List<Integer>> group(String[] keys) {
        Map<String, List<Integer>> groups = new TreeMap<>((x, y) -> {
            int c = SliceKeys.compare(x, y);
            return c != 0 ? c : x.compareTo(y);
        });
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        }
        return groups;
    }
}
