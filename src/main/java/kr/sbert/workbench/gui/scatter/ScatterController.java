package kr.sbert.workbench.gui.scatter;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.geometry.Point2D;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * Shows the scatter: the JFreeChart is built and drawn on a background thread (drawing a few
 * thousand points takes JFreeChart 100–300 ms, too long for the FX thread) and the finished
 * image is swapped into the scene. Hover, click, wheel zoom and drag pan use the last
 * drawing's {@link ChartRenderingInfo}.
 */
public final class ScatterController {
    private final WorkbenchViewModel main;
    private final ScatterViewModel vm;
    @FXML private StackPane chartHolder;
    @FXML private ToggleButton calibratedToggle;
    @FXML private ToggleButton cosineToggle;
    private final Pane surface = new Pane();
    private final ImageView image = new ImageView();
    private final Tooltip tooltip = new Tooltip();
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scatter-render");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requested = new AtomicLong();
    private final ReadOnlyObjectWrapper<Rendered> rendered = new ReadOnlyObjectWrapper<>();
    private Range domain;
    private Range range;
    private Point2D dragFrom;
    private boolean dragged;

    /**
     * One finished drawing.
     *
     * @param built      the chart and its datasets (never changed after drawing)
     * @param info       where everything was drawn
     * @param generation which request it answers
     */
    public record Rendered(ScatterChart.Built built, ChartRenderingInfo info, long generation) {
    }

    public ScatterController(WorkbenchViewModel main) {
        this.main = main;
        this.vm = main.scatter();
    }

    @FXML
    private void initialize() {
        surface.getChildren().add(image);
        surface.setMinSize(0, 0);
        chartHolder.getChildren().add(surface);
        surface.widthProperty().addListener((o, was, now) -> requestRender());
        surface.heightProperty().addListener((o, was, now) -> requestRender());
        tooltip.setShowDelay(Duration.ZERO);
        surface.setOnMouseMoved(this::hover);
        surface.setOnMouseExited(e -> tooltip.hide());
        surface.setOnMousePressed(e -> {
            dragFrom = new Point2D(e.getX(), e.getY());
            dragged = false;
        });
        surface.setOnMouseDragged(this::pan);
        surface.setOnMouseClicked(this::click);
        surface.setOnScroll(this::zoom);

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
        vm.yModeProperty().addListener((o, was, now) -> {
            (now == YAxisMode.COSINE ? cosineToggle : calibratedToggle).setSelected(true);
            range = null;
            requestRender();
        });
        vm.series().addListener((ListChangeListener<ScatterSeries>) c -> requestRender());
        vm.selectedRowProperty().addListener((o, was, now) -> requestRender());
        vm.sliceColorsProperty().addListener((o, was, now) -> requestRender());
        requestRender();
    }

    /** The last finished drawing (changes on the FX thread). */
    public ReadOnlyObjectProperty<Rendered> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    /** The hover text shown now, or empty when no point is under the mouse. */
    public String hoverText() {
        return tooltip.isShowing() ? tooltip.getText() : "";
    }

    /** Whether the shown drawing answers the latest request. */
    public boolean upToDate() {
        Rendered r = rendered.get();
        return r != null && r.generation() == requested.get();
    }

    /** Screen coordinates of a point of the shown drawing. */
    public Point2D screenPointOf(int series, int item) {
        Rendered r = rendered.get();
        XYPlot plot = r.built().chart().getXYPlot();
        Rectangle2D area = r.info().getPlotInfo().getDataArea();
        double x = plot.getDomainAxis().valueToJava2D(r.built().points().getXValue(series, item), area,
                plot.getDomainAxisEdge());
        double y = plot.getRangeAxis().valueToJava2D(r.built().points().getYValue(series, item), area,
                plot.getRangeAxisEdge());
        return surface.localToScreen(x, y);
    }

    /** Draws the current state in the background; later requests supersede earlier ones. */
    private void requestRender() {
        int w = (int) Math.floor(surface.getWidth());
        int h = (int) Math.floor(surface.getHeight());
        if (w < 50 || h < 50) {
            return;
        }
        long generation = requested.incrementAndGet();
        ScatterChart.Snapshot snapshot = new ScatterChart.Snapshot(List.copyOf(vm.series()), vm.yModeProperty().get(),
                vm.selectedRowProperty().get(), domain, range, vm.sliceColorsProperty().get());
        renderer.execute(() -> {
            if (requested.get() != generation) {
                return;
            }
            ScatterChart.Built built = ScatterChart.build(snapshot);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            built.chart().draw(g, new Rectangle2D.Double(0, 0, w, h), info);
            g.dispose();
            Platform.runLater(() -> {
                if (requested.get() == generation) {
                    image.setImage(SwingFXUtils.toFXImage(img, null));
                    rendered.set(new Rendered(built, info, generation));
                }
            });
        });
    }

    private ChartEntity entityAt(double x, double y) {
        Rendered r = rendered.get();
        return r == null ? null : r.info().getEntityCollection().getEntity(x, y);
    }

    private void hover(MouseEvent e) {
        if (entityAt(e.getX(), e.getY()) instanceof XYItemEntity item && item.getDataset() == rendered.get().built().points()) {
            tooltip.setText(item.getToolTipText());
            tooltip.show(surface, e.getScreenX() + 14, e.getScreenY() + 14);
        } else {
            tooltip.hide();
        }
    }

    private void click(MouseEvent e) {
        if (dragged || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (entityAt(e.getX(), e.getY()) instanceof XYItemEntity item && item.getDataset() == rendered.get().built().points()) {
            vm.pointClicked(item.getSeriesIndex(), item.getItem());
        }
    }

    private void zoom(ScrollEvent e) {
        Rendered r = rendered.get();
        if (r == null || e.getDeltaY() == 0) {
            return;
        }
        XYPlot plot = r.built().chart().getXYPlot();
        Rectangle2D area = r.info().getPlotInfo().getDataArea();
        double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
        double ax = plot.getDomainAxis().java2DToValue(e.getX(), area, plot.getDomainAxisEdge());
        double ay = plot.getRangeAxis().java2DToValue(e.getY(), area, plot.getRangeAxisEdge());
        domain = scale(plot.getDomainAxis().getRange(), ax, factor);
        range = scale(plot.getRangeAxis().getRange(), ay, factor);
        requestRender();
        e.consume();
    }

    private static Range scale(Range r, double anchor, double factor) {
        return new Range(anchor - (anchor - r.getLowerBound()) * factor, anchor + (r.getUpperBound() - anchor) * factor);
    }

    private void pan(MouseEvent e) {
        Rendered r = rendered.get();
        if (r == null || dragFrom == null) {
            return;
        }
        XYPlot plot = r.built().chart().getXYPlot();
        Rectangle2D area = r.info().getPlotInfo().getDataArea();
        double dx = plot.getDomainAxis().java2DToValue(dragFrom.getX(), area, plot.getDomainAxisEdge())
                - plot.getDomainAxis().java2DToValue(e.getX(), area, plot.getDomainAxisEdge());
        double dy = plot.getRangeAxis().java2DToValue(dragFrom.getY(), area, plot.getRangeAxisEdge())
                - plot.getRangeAxis().java2DToValue(e.getY(), area, plot.getRangeAxisEdge());
        if (Math.abs(e.getX() - dragFrom.getX()) + Math.abs(e.getY() - dragFrom.getY()) > 3) {
            dragged = true;
        }
        Range d = domain != null ? domain : plot.getDomainAxis().getRange();
        Range rr = range != null ? range : plot.getRangeAxis().getRange();
        domain = Range.shift(d, dx);
        range = Range.shift(rr, dy);
        dragFrom = new Point2D(e.getX(), e.getY());
        requestRender();
    }

    @FXML
    private void resetZoom() {
        domain = null;
        range = null;
        requestRender();
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

    /** Writes the shown chart as a PNG at its current size (at least 800×600). */
    public void writePng(File f) throws IOException {
        Rendered r = rendered.get();
        JFreeChart chart = r != null ? r.built().chart() : ScatterChart.build(new ScatterChart.Snapshot(
                List.copyOf(vm.series()), vm.yModeProperty().get(), null, null, null)).chart();
        ChartUtils.saveChartAsPNG(f, chart, (int) Math.max(800, surface.getWidth()), (int) Math.max(600, surface.getHeight()));
    }
}
