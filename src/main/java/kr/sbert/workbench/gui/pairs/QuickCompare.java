package kr.sbert.workbench.gui.pairs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.eval.Calibration;
import kr.sbert.workbench.core.eval.CharNgramTfidfScorer;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.CancelledException;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.service.ModelEvaluation;

/**
 * Scores one pair the way the table scores its rows, so that its two numbers mean what the
 * table's mean:
 * <ul>
 *   <li>cosine: the model's similarity; the char-ngram baseline, whose IDF depends on the
 *       corpus, is fitted on the table's sentences plus the pair (as the table fits it on its own);</li>
 *   <li>0–5: for a pair that is a row of the table, that row's score (out-of-fold when it has
 *       gold); for any other pair, the line fitted on all the table's gold pairs, clamped to
 *       [0, 5] (what the table and {@code eval --out} give rows without gold); with no gold in
 *       the table, {@code 5·max(cos, 0)}.</li>
 * </ul>
 */
final class QuickCompare {
    private QuickCompare() {
    }

    /** A model to score with. */
    record Model(String id, PairScorer scorer) {
    }

    static List<QuickResult> score(String s1, String s2, List<Model> models, ScoringResult table,
                                   ProgressListener progress, CancelToken cancel) throws CancelledException {
        SentencePair pair = new SentencePair(s1, s2, null, 0);
        int row = -1;
        for (int i = 0; i < table.rows().size(); i++) {
            PairRow r = table.rows().get(i);
            if (r.sentence1().equals(s1) && r.sentence2().equals(s2)) {
                row = i;
                break;
            }
        }
        List<QuickResult> out = new ArrayList<>();
        for (Model m : models) {
            cancel.throwIfCancelled();
            double cos;
            String basis = "";
            if (CharNgramTfidfScorer.NAME.equals(m.scorer().name())) {
                List<SentencePair> corpus = new ArrayList<>();
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < table.rows().size(); i++) {
                    PairRow r = table.rows().get(i);
                    corpus.add(r.toPair(i + 1));
                    distinct.add(r.sentence1());
                    distinct.add(r.sentence2());
                }
                corpus.add(pair);
                int before = distinct.size();
                distinct.add(s1);
                distinct.add(s2);
                double[] all = m.scorer().score(corpus, progress, cancel);
                cos = all[all.length - 1];
                int added = distinct.size() - before;
                basis = "IDF fitted on the table's " + before + " distinct sentences"
                        + (added == 0 ? "" : " + " + (added == 1 ? "1 new sentence" : added + " new sentences"));
            } else {
                cos = m.scorer().score(List.of(pair), progress, cancel)[0];
            }
            ModelEvaluation ev = table.evaluations().stream().filter(e -> e.model().equals(m.id())).findFirst()
                    .orElse(null);
            double scaled;
            String how;
            int gold = goldCount(table);
            if (ev != null && row >= 0) {
                scaled = ev.scaled()[row];
                how = "as in the table, row " + (row + 1) + (table.gold()[row] != null ? " (out-of-fold line)"
                        : gold > 0 ? " (line fitted on " + gold + " gold pairs)" : " (5·max(cos, 0))");
            } else if (ev != null && gold > 0) {
                double[] x = new double[gold];
                double[] y = new double[gold];
                int k = 0;
                for (int i = 0; i < table.gold().length; i++) {
                    if (table.gold()[i] != null) {
                        x[k] = ev.cosine()[i];
                        y[k++] = table.gold()[i];
                    }
                }
                int[] idx = new int[gold];
                for (int i = 0; i < gold; i++) {
                    idx[i] = i;
                }
                Calibration.LinearFit fit = Calibration.LinearFit.of(x, y, idx);
                scaled = Math.max(Calibration.MIN, Math.min(Calibration.MAX, fit.apply(cos)));
                how = "line fitted on the table's " + gold + " gold pairs";
            } else {
                scaled = Calibration.plain(new double[] {cos})[0];
                how = ev == null ? "5·max(cos, 0): the table has no scores of this model yet"
                        : "5·max(cos, 0): the table has no gold";
            }
            out.add(new QuickResult(m.id(), cos, scaled, how, basis));
        }
        return out;
    }

    private static int goldCount(ScoringResult table) {
        int n = 0;
        for (Double g : table.gold()) {
            if (g != null) {
                n++;
            }
        }
        return n;
    }
}
