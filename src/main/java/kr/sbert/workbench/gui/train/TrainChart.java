package kr.sbert.workbench.gui.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.ArrayList;
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
 * Training curves as a JFreeChart built from an immutable snapshot (so it can be built and drawn
 * off the FX thread, as the scatter is), against epochs so that runs of different sizes line up.
 * One run: its training loss per step (raw, thin, and the mean of the last {@value #SMOOTH} steps)
 * on the left axis, its dev Spearman per evaluation on the right, the base model's dev Spearman
 * as a dashed line, and where early stopping ended it. Several runs: each one's dev Spearman in
 * its own colour against its base's dashed line of the same colour. The dev axis never spans less
 * than {@value #MIN_DEV_SPAN}, so a change in the fourth decimal does not look like a trend.
 */
public final class TrainChart {
    /** The smallest span of the dev Spearman axis. */
    static final double MIN_DEV_SPAN = 0.02;
    /** Steps in the smoothed loss's moving mean. */
    static final int SMOOTH = 20;
    private static final Color LOSS = new Color(0x1f77b4);
    private static final Color LOSS_RAW = new Color(0xa6c8e4);
    private static final Color[] RUNS = {new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f)};

    /**
     * One run's curve.
     *
     * @param name          the run's name (legend)
     * @param steps         its steps
     * @param evals         its evaluations (step 0 = untrained)
     * @param baseline      the base model's dev Spearman, NaN before it is known
     * @param stepsPerEpoch steps per epoch (x = step / this), 0 when unknown (x = steps)
     * @param epochs        the run's length in epochs (the x axis spans it), 0 when unknown
     * @param stoppedAt     the step early stopping ended it at, or -1
     */
    public record Curve(String name, List<StepRecord> steps, List<EvalRecord> evals, double baseline,
                        int stepsPerEpoch, int epochs, int stoppedAt) {
        public Curve {
            steps = List.copyOf(steps);
            evals = List.copyOf(evals);
        }

        double x(int step) {
            return stepsPerEpoch > 0 ? (double) step / stepsPerEpoch : step;
        }
    }

    /** What to draw: one curve (with its loss) or several (dev Spearman only). */
    public record Snapshot(List<Curve> curves) {
        public Snapshot {
            curves = List.copyOf(curves);
        }

        /** One run's curve. */
        public static Snapshot of(Curve c) {
            return new Snapshot(List.of(c));
        }
    }

    /**
     * A built chart with its series, for tests and tooltips.
     *
     * @param loss     the first run's raw training loss (empty when several runs are drawn)
     * @param spearman the first run's dev Spearman
     * @param dev      every run's dev Spearman, in order
     */
    public record Built(JFreeChart chart, XYSeries loss, XYSeries spearman, List<XYSeries> dev, NumberAxis devAxis,
                       Snapshot snapshot) {
    }

    private TrainChart() {
    }

    public static Built build(Snapshot s) {
        boolean single = s.curves().size() == 1;
        XYSeries loss = new XYSeries("training loss", false, true);
        XYSeries smooth = new XYSeries("loss, mean of " + SMOOTH + " steps", false, true);
        if (single) {
            Curve c = s.curves().get(0);
            double sum = 0;
            List<StepRecord> st = c.steps();
            for (int i = 0; i < st.size(); i++) {
                StepRecord r = st.get(i);
                loss.add(c.x(r.step()), r.loss(), false);
                sum += r.loss();
                if (i >= SMOOTH) {
                    sum -= st.get(i - SMOOTH).loss();
                }
                smooth.add(c.x(r.step()), sum / Math.min(i + 1, SMOOTH), false);
            }
        }
        NumberAxis x = new NumberAxis("epochs");
        x.setAutoRangeIncludesZero(true);
        double maxEpochs = s.curves().stream().mapToDouble(c -> c.stepsPerEpoch() > 0 ? c.epochs() : 0).max()
                .orElse(0);
        if (maxEpochs > 0) {
            x.setRange(0, maxEpochs);
        }
        NumberAxis lossAxis = new NumberAxis(single ? "training loss" : "");
        lossAxis.setAutoRangeIncludesZero(false);
        NumberAxis devAxis = new NumberAxis("dev Spearman");
        devAxis.setAutoRangeIncludesZero(false);
        devAxis.setNumberFormatOverride(new DecimalFormat("0.000"));
        XYSeriesCollection lossData = new XYSeriesCollection();
        XYLineAndShapeRenderer lossRenderer = new XYLineAndShapeRenderer(true, false);
        if (single) {
            lossData.addSeries(loss);
            lossData.addSeries(smooth);
            lossRenderer.setSeriesPaint(0, LOSS_RAW);
            lossRenderer.setSeriesStroke(0, new BasicStroke(0.8f));
            lossRenderer.setSeriesPaint(1, LOSS);
            lossRenderer.setSeriesStroke(1, new BasicStroke(1.8f));
        } else {
            lossAxis.setVisible(false);
        }
        XYPlot plot = new XYPlot(lossData, x, lossAxis, lossRenderer);
        XYSeriesCollection devData = new XYSeriesCollection();
        XYLineAndShapeRenderer devRenderer = new XYLineAndShapeRenderer(true, true);
        List<XYSeries> dev = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < s.curves().size(); k++) {
            Curve c = s.curves().get(k);
            Color colour = RUNS[k % RUNS.length];
            XYSeries series = new XYSeries(single ? "dev Spearman" : c.name(), false, true);
            for (EvalRecord e : c.evals()) {
                if (Double.isFinite(e.spearman())) {
                    series.add(c.x(e.step()), e.spearman(), false);
                    lo = Math.min(lo, e.spearman());
                    hi = Math.max(hi, e.spearman());
                }
            }
            dev.add(series);
            devData.addSeries(series);
            devRenderer.setSeriesPaint(k, colour);
            devRenderer.setSeriesStroke(k, new BasicStroke(2f));
            if (Double.isFinite(c.baseline())) {
                lo = Math.min(lo, c.baseline());
                hi = Math.max(hi, c.baseline());
                ValueMarker untrained = new ValueMarker(c.baseline(), single ? Color.GRAY : colour, new BasicStroke(1.2f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
                if (single) {
                    untrained.setLabel(String.format(Locale.ROOT, "base %.4f", c.baseline()));
                    untrained.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    untrained.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    untrained.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
                }
                plot.addRangeMarker(1, untrained, Layer.FOREGROUND);
            }
            if (c.stoppedAt() >= 0) {
                ValueMarker stop = new ValueMarker(c.x(c.stoppedAt()), colour, new BasicStroke(1f));
                stop.setLabel("early stop");
                stop.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                stop.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                stop.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                plot.addDomainMarker(stop, Layer.FOREGROUND);
            }
        }
        if (lo <= hi) {
            // Never narrower than MIN_DEV_SPAN: float noise must look flat.
            double span = Math.max(MIN_DEV_SPAN, (hi - lo) * 1.1);
            double mid = (lo + hi) / 2;
            devAxis.setRange(mid - span / 2, mid + span / 2);
        }
        plot.setRangeAxis(1, devAxis);
        plot.setDataset(1, devData);
        plot.setRenderer(1, devRenderer);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return new Built(chart, loss, dev.isEmpty() ? new XYSeries("dev Spearman") : dev.get(0), dev, devAxis, s);
    }
}
