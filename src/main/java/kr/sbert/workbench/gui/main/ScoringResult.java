package kr.sbert.workbench.gui.main;

import java.util.List;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.service.ModelEvaluation;
import kr.sbert.workbench.gui.service.PairedDifference;

/**
 * One scoring run: the rows as they were when it started, their gold, and per model the
 * core's evaluation (same order as the models panel).
 *
 * @param rows        rows scored, in table order at the start of the run
 * @param gold        gold per row (null entries for rows without gold)
 * @param evaluations one per model
 * @param difference  paired difference of the first two models, or null
 */
public record ScoringResult(List<PairRow> rows, Double[] gold, List<ModelEvaluation> evaluations,
                            PairedDifference difference) {

    public static final ScoringResult EMPTY = new ScoringResult(List.of(), new Double[0], List.of(), null);
}
