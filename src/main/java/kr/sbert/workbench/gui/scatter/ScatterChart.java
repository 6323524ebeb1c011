package kr.sbert.workbench.gui.scatter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.gui.pairs.PairRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.statistics.Regression;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds the scatter as a JFreeChart from an immutable snapshot, so it can be built and drawn
 * off the FX thread: dataset 0 holds one point series per model (series and item indices map
 * back to {@link ScatterSeries} points), dataset 1 the y = x line and each model's
 * least-squares line, dataset 2 a ring around the selected pair.
 */
public final class ScatterChart {
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b)};
    private static final Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    /**
     * What to draw.
     *
     * @param series   one per model
     * @param mode     the y axis
     * @param selected the selected pair, or null
     * @param domain   x range when zoomed, or null for automatic
     * @param range    y range when zoomed, or null for automatic
     */
    public record Snapshot(List<ScatterSeries> series, YAxisMode mode, PairRow selected, Range domain, Range range,
                           SliceColors slices) {

        /** Without slice colours: one colour per model. */
        public Snapshot(List<ScatterSeries> series, YAxisMode mode, PairRow selected, Range domain, Range range) {
            this(series, mode, selected, domain, range, null);
        }
    }

    /** A built chart and its point dataset. */
    public record Built(JFreeChart chart, XYSeriesCollection points, Snapshot snapshot) {
    }

    private ScatterChart() {
    }

    public static Built build(Snapshot s) {
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeriesCollection selection = new XYSeriesCollection();
        NumberAxis x = new NumberAxis("gold (0–5)");
        NumberAxis y = new NumberAxis(s.mode().axisLabel());
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        List<ScatterSeries> all = s.series();
        XYLineAndShapeRenderer pr = s.slices() == null ? new XYLineAndShapeRenderer(false, true)
                : new SliceRenderer(all, s.slices());
        pr.setDefaultToolTipGenerator((dataset, series, item) -> tooltip(all, series, item));
        XYPlot plot = new XYPlot(points, x, y, pr);
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        plot.setDataset(1, lines);
        plot.setRenderer(1, lr);
        XYLineAndShapeRenderer sr = new XYLineAndShapeRenderer(false, true);
        sr.setSeriesShape(0, new Ellipse2D.Double(-7, -7, 14, 14));
        sr.setSeriesPaint(0, Color.BLACK);
        sr.setSeriesShapesFilled(0, false);
        sr.setUseOutlinePaint(false);
        sr.setSeriesStroke(0, new BasicStroke(2f));
        plot.setDataset(2, selection);
        plot.setRenderer(2, sr);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));

        double scale = s.mode() == YAxisMode.COSINE ? 0.2 : 1.0;
        XYSeries diagonal = new XYSeries(s.mode() == YAxisMode.COSINE ? "y = x / 5" : "y = x", false, true);
        diagonal.add(0, 0, false);
        diagonal.add(5, 5 * scale, false);
        lines.addSeries(diagonal);
        lr.setSeriesPaint(0, Color.GRAY);
        lr.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < all.size(); i++) {
            ScatterSeries ss = all.get(i);
            XYSeries xy = new XYSeries(i + ":" + ss.model(), false, true);
            for (ScatterSeries.Point p : ss.points()) {
                xy.add(p.gold(), p.prediction(), false);
            }
            points.addSeries(xy);
            Paint paint = COLORS[i % COLORS.length];
            Shape shape = SHAPES[i % SHAPES.length];
            pr.setSeriesPaint(i, paint);
            pr.setSeriesShape(i, shape);
            legend.add(new LegendItem(ss.legend(), null, null, null, shape, paint));
            if (xy.getItemCount() >= 2) {
                double[] ab = Regression.getOLSRegression(points, i);
                if (Double.isFinite(ab[0]) && Double.isFinite(ab[1])) {
                    XYSeries fit = new XYSeries("fit " + i, false, true);
                    fit.add(0, ab[0], false);
                    fit.add(5, ab[0] + 5 * ab[1], false);
                    lines.addSeries(fit);
                    int k = lines.getSeriesCount() - 1;
                    lr.setSeriesPaint(k, paint);
                    lr.setSeriesStroke(k, new BasicStroke(1.5f));
                }
            }
        }
        if (s.slices() != null) {
            // Colour is the slice, shape the model.
            for (String label : s.slices().labels()) {
                Paint paint = s.slices().focus() == null || s.slices().focus().equals(label)
                        ? s.slices().paintOf(label) : SliceColors.OUTSIDE;
                legend.add(new LegendItem(label, null, null, null, new java.awt.geom.Rectangle2D.Double(-4, -4, 8, 8), paint));
            }
        }
        legend.add(new LegendItem(diagonal.getKey().toString() + " (dashed); solid: least-squares fit per model",
                null, null, null, new java.awt.geom.Line2D.Double(-6, 0, 6, 0), new BasicStroke(1f), Color.GRAY));
        plot.setFixedLegendItems(legend);
        if (s.selected() != null) {
            XYSeries sel = new XYSeries("selected", false, true);
            for (ScatterSeries ss : all) {
                for (ScatterSeries.Point p : ss.points()) {
                    if (p.row() == s.selected()) {
                        sel.add(p.gold(), p.prediction(), false);
                    }
                }
            }
            selection.addSeries(sel);
        }
        if (s.domain() != null) {
            x.setRange(s.domain());
        }
        if (s.range() != null) {
            y.setRange(s.range());
        }
        JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return new Built(chart, points, s);
    }

    /** Paints each point by its pair's slice (the series still sets the shape). */
    static final class SliceRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final transient List<ScatterSeries> all;
        private final transient SliceColors slices;

        SliceRenderer(List<ScatterSeries> all, SliceColors slices) {
            super(false, true);
            this.all = all;
            this.slices = slices;
        }

        @Override
        public Paint getItemPaint(int series, int item) {
            if (series < all.size() && item < all.get(series).points().size()) {
                return slices.paintOf(all.get(series).points().get(item).row());
            }
            return super.getItemPaint(series, item);
        }
    }

    static String tooltip(List<ScatterSeries> all, int series, int item) {
        if (series >= all.size() || item >= all.get(series).points().size()) {
            return null;
        }
        ScatterSeries s = all.get(series);
        ScatterSeries.Point p = s.points().get(item);
        return String.format(Locale.ROOT, "%s%ngold %.2f, prediction %.3f%n%s%n%s", s.model(), p.gold(),
                p.prediction(), p.row().sentence1(), p.row().sentence2());
    }
}
