package kr.sbert.workbench.gui.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.train.EvalRecord;
import kr.sbert.workbench.core.train.StepRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training curve as a JFreeChart built from an immutable snapshot (so it can be built and
 * drawn off the FX thread, as the scatter is): training loss per step on the left axis, dev
 * Spearman per evaluation on the right, and the untrained model's dev Spearman as a dashed line.
 */
public final class TrainChart {
    private static final Color LOSS = new Color(0x1f77b4);
    private static final Color SPEARMAN = new Color(0xd62728);

    /**
     * What to draw.
     *
     * @param steps      every step so far
     * @param evals      every evaluation so far (step 0 = untrained)
     * @param baseline   the untrained model's dev Spearman, NaN before it is known
     * @param totalSteps the run's length (the x axis spans it), 0 when unknown
     */
    public record Snapshot(List<StepRecord> steps, List<EvalRecord> evals, double baseline, int totalSteps) {
        public Snapshot {
            steps = List.copyOf(steps);
            evals = List.copyOf(evals);
        }
    }

    /** A built chart with its two series, for tests and tooltips. */
    public record Built(JFreeChart chart, XYSeries loss, XYSeries spearman, Snapshot snapshot) {
    }

    private TrainChart() {
    }

    public static Built build(Snapshot s) {
        XYSeries loss = new XYSeries("training loss", false, true);
        for (StepRecord r : s.steps()) {
            loss.add(r.step(), r.loss(), false);
        }
        XYSeries spearman = new XYSeries("dev Spearman", false, true);
        for (EvalRecord e : s.evals()) {
            if (!Double.isNaN(e.spearman())) {
                spearman.add(e.step(), e.spearman(), false);
            }
        }
        NumberAxis x = new NumberAxis("optimizer step");
        x.setAutoRangeIncludesZero(true);
        if (s.totalSteps() > 0) {
            x.setRange(0, s.totalSteps());
        }
        NumberAxis lossAxis = new NumberAxis("training loss");
        lossAxis.setAutoRangeIncludesZero(false);
        NumberAxis spearmanAxis = new NumberAxis("dev Spearman");
        spearmanAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        lossRenderer.setSeriesPaint(0, LOSS);
        lossRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(loss), x, lossAxis, lossRenderer);
        XYLineAndShapeRenderer spearmanRenderer = new XYLineAndShapeRenderer(true, true);
        spearmanRenderer.setSeriesPaint(0, SPEARMAN);
        spearmanRenderer.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRangeAxis(1, spearmanAxis);
        plot.setDataset(1, new XYSeriesCollection(spearman));
        plot.setRenderer(1, spearmanRenderer);
        plot.mapDatasetToRangeAxis(1, 1);
        if (!Double.isNaN(s.baseline())) {
            ValueMarker untrained = new ValueMarker(s.baseline(), Color.GRAY, new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            untrained.setLabel(String.format(Locale.ROOT, "untrained %.4f", s.baseline()));
            untrained.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            untrained.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            untrained.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(1, untrained, Layer.FOREGROUND);
            spearmanAxis.setAutoRangeIncludesZero(false);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new Built(chart, loss, spearman, s);
    }
}
