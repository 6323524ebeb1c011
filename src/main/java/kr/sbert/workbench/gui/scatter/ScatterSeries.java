package kr.sbert.workbench.gui.scatter;

import java.util.List;
import kr.sbert.workbench.gui.pairs.PairRow;

/**
 * One model's points: x = gold, y = prediction, each tied to its pair.
 *
 * @param model  model id
 * @param legend legend text with Pearson / Spearman
 * @param points the points, in pair order (pairs without gold are left out)
 */
public record ScatterSeries(String model, String legend, List<Point> points) {

    /** A point and the pair it stands for. */
    public record Point(double gold, double prediction, PairRow row) {
    }
}
