package kr.sbert.workbench.gui.scatter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.pairs.PairRow;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.statistics.Regression;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the scatter with JFreeChart in a {@link ChartViewer}: dataset 0 holds one point
 * series per model (in the view model's order, so series/item indices map back to pairs),
 * dataset 1 the y = x line and each model's least-squares line, dataset 2 the selected pair.
 */
public final class ScatterController {
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b)};

    private final WorkbenchViewModel main;
    private final ScatterViewModel vm;
    @FXML private StackPane chartHolder;
    @FXML private ToggleButton calibratedToggle;
    @FXML private ToggleButton cosineToggle;
    private final XYSeriesCollection points = new XYSeriesCollection();
    private final XYSeriesCollection lines = new XYSeriesCollection();
    private final XYSeriesCollection selection = new XYSeriesCollection();
    private final Shape[] shapes = DefaultDrawingSupplier.createStandardSeriesShapes();
    private JFreeChart chart;
    private ChartViewer viewer;

    public ScatterController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.scatter();
    }

    @FXML
    private void initialize() {
        NumberAxis x = new NumberAxis("gold (0–5)");
        NumberAxis y = new NumberAxis(vm.yModeProperty().get().axisLabel());
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        pointRenderer.setDefaultToolTipGenerator((dataset, series, item) -> tooltip(series, item));
        XYPlot plot = new XYPlot(points, x, y, pointRenderer);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        plot.setDataset(1, lines);
        plot.setRenderer(1, lineRenderer);
        XYLineAndShapeRenderer selRenderer = new XYLineAndShapeRenderer(false, true);
        selRenderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
        selRenderer.setSeriesPaint(0, Color.BLACK);
        selRenderer.setUseOutlinePaint(true);
        selRenderer.setSeriesShapesFilled(0, false);
        selRenderer.setSeriesStroke(0, new BasicStroke(2f));
        plot.setDataset(2, selection);
        plot.setRenderer(2, selRenderer);
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setFixedLegendItems(new LegendItemCollection());
        viewer = new ChartViewer(chart);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getEntity() instanceof XYItemEntity item && item.getDataset() == points) {
                    vm.pointClicked(item.getSeriesIndex(), item.getItem());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
            }
        });
        chartHolder.getChildren().add(viewer);

        ToggleGroup group = new ToggleGroup();
        calibratedToggle.setToggleGroup(group);
        cosineToggle.setToggleGroup(group);
        calibratedToggle.setSelected(vm.yModeProperty().get() == YAxisMode.CALIBRATED);
        cosineToggle.setSelected(vm.yModeProperty().get() == YAxisMode.COSINE);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else {
                vm.yModeProperty().set(now == cosineToggle ? YAxisMode.COSINE : YAxisMode.CALIBRATED);
            }
        });
        vm.series().addListener((ListChangeListener<ScatterSeries>) c -> redraw());
        vm.selectedRowProperty().addListener((o, was, now) -> showSelection());
        redraw();
    }

    public ChartViewer viewer() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** The points dataset (one series per model, in the view model's order). */
    public XYSeriesCollection points() {
        return points;
    }

    private String tooltip(int series, int item) {
        if (series >= vm.series().size() || item >= vm.series().get(series).points().size()) {
            return null;
        }
        ScatterSeries s = vm.series().get(series);
        ScatterSeries.Point p = s.points().get(item);
        return String.format(Locale.ROOT, "%s%ngold %.2f, prediction %.3f%n%s%n%s", s.model(), p.gold(),
                p.prediction(), p.row().sentence1(), p.row().sentence2());
    }

    private void redraw() {
        chart.setNotify(false);
        try {
            YAxisMode mode = vm.yModeProperty().get();
            XYPlot plot = chart.getXYPlot();
            plot.getRangeAxis().setLabel(mode.axisLabel());
            points.removeAllSeries();
            lines.removeAllSeries();
            XYLineAndShapeRenderer pr = (XYLineAndShapeRenderer) plot.getRenderer(0);
            XYLineAndShapeRenderer lr = (XYLineAndShapeRenderer) plot.getRenderer(1);
            LegendItemCollection legend = new LegendItemCollection();
            double scale = mode == YAxisMode.COSINE ? 0.2 : 1.0;
            XYSeries diagonal = new XYSeries(mode == YAxisMode.COSINE ? "y = x / 5" : "y = x", false, true);
            diagonal.add(0, 0, false);
            diagonal.add(5, 5 * scale, false);
            lines.addSeries(diagonal);
            lr.setSeriesPaint(0, Color.GRAY);
            lr.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 4f}, 0f));
            List<ScatterSeries> all = List.copyOf(vm.series());
            for (int i = 0; i < all.size(); i++) {
                ScatterSeries s = all.get(i);
                XYSeries xy = new XYSeries(i + ":" + s.model(), false, true);
                for (ScatterSeries.Point p : s.points()) {
                    xy.add(p.gold(), p.prediction(), false);
                }
                points.addSeries(xy);
                Paint paint = COLORS[i % COLORS.length];
                Shape shape = shapes[i % shapes.length];
                pr.setSeriesPaint(i, paint);
                pr.setSeriesShape(i, shape);
                legend.add(new LegendItem(s.legend(), null, null, null, shape, paint));
                if (xy.getItemCount() >= 2) {
                    double[] ab = Regression.getOLSRegression(points, i);
                    if (!Double.isNaN(ab[0]) && !Double.isNaN(ab[1])) {
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
            plot.setFixedLegendItems(legend);
            LegendTitle lt = chart.getLegend();
            if (lt != null) {
                lt.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            }
            showSelectionData();
        } finally {
            chart.setNotify(true);
        }
    }

    private void showSelection() {
        chart.setNotify(false);
        showSelectionData();
        chart.setNotify(true);
    }

    private void showSelectionData() {
        selection.removeAllSeries();
        PairRow row = vm.selectedRowProperty().get();
        if (row == null) {
            return;
        }
        XYSeries sel = new XYSeries("selected", false, true);
        for (ScatterSeries s : vm.series()) {
            for (ScatterSeries.Point p : s.points()) {
                if (p.row() == row) {
                    sel.add(p.gold(), p.prediction(), false);
                }
            }
        }
        selection.addSeries(sel);
    }

    @FXML
    private void resetZoom() {
        chart.getXYPlot().getDomainAxis().setAutoRange(true);
        chart.getXYPlot().getRangeAxis().setAutoRange(true);
    }

    /** Asks for a file and saves the chart as PNG. */
    @FXML
    public void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export scatter as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("scatter.png");
        File f = chooser.showSaveDialog(chartHolder.getScene().getWindow());
        if (f != null) {
            try {
                writePng(f);
                main.status().info("scatter saved to " + f);
            } catch (IOException e) {
                main.status().report("exporting the scatter", e);
            }
        }
    }

    /** Writes the chart as a PNG at the viewer's current size (at least 800×600). */
    public void writePng(File f) throws IOException {
        int w = (int) Math.max(800, chartHolder.getWidth());
        int h = (int) Math.max(600, chartHolder.getHeight());
        ChartUtils.saveChartAsPNG(f, chart, w, h);
    }
}
