package kr.sbert.workbench.gui.main;

import java.util.List;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;

/**
 * One scoring run: the rows it scored (those with both sentences, in table order), their
 * gold, and per model the core's evaluation (same order as the models panel). Rows missing a
 * sentence have no score and are in no metric.
 *
 * @param rows        rows scored, in table order at the start of the run
 * @param gold        gold per row (null entries for rows without gold)
 * @param evaluations one per scored model
 * @param difference  paired difference of the first two models, or null
 * @param notScored   ticked models the run did not finish (it was cancelled); empty normally
 * @param encoded     sentences the run sent to an encoder
 * @param cached      sentences the run took from the embedding cache instead
 */
public record ScoringResult(List<PairRow> rows, Double[] gold, List<ModelEvaluation> evaluations,
                            PairedDifference difference, List<String> notScored, long encoded, long cached) {

    public static final ScoringResult EMPTY = new ScoringResult(List.of(), new Double[0], List.of(), null);

    public ScoringResult {
        rows = List.copyOf(rows);
        evaluations = List.copyOf(evaluations);
        notScored = List.copyOf(notScored);
    }

    /** A finished run: every ticked model scored. */
    public ScoringResult(List<PairRow> rows, Double[] gold, List<ModelEvaluation> evaluations,
                         PairedDifference difference) {
        this(rows, gold, evaluations, difference, List.of(), 0, 0);
    }

    /** A run with its encoder count, nothing counted from the cache. */
    public ScoringResult(List<PairRow> rows, Double[] gold, List<ModelEvaluation> evaluations,
                         PairedDifference difference, List<String> notScored, long encoded) {
        this(rows, gold, evaluations, difference, notScored, encoded, 0);
    }

    /** Whether a cancel left some ticked models without scores. */
    public boolean cancelled() {
        return !notScored.isEmpty();
    }
}
