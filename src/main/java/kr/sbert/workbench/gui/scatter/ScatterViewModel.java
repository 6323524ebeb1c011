package kr.sbert.workbench.gui.scatter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.ScoringResult;
import kr.sbert.workbench.gui.pairs.PairRow;
import kr.sbert.workbench.gui.service.ModelEvaluation;

/**
 * The scatter's data: series per model built from the last scoring result, for the chosen y
 * axis. Clicking a point selects its pair through {@link #selectedRowProperty()}.
 */
public final class ScatterViewModel {
    private final ObjectProperty<YAxisMode> yMode = new SimpleObjectProperty<>(YAxisMode.CALIBRATED);
    private final ObservableList<ScatterSeries> series = FXCollections.observableArrayList();
    private final ObjectProperty<PairRow> selectedRow;
    private ScoringResult result;
    private final ObjectProperty<SliceColors> sliceColors = new SimpleObjectProperty<>();

    public ScatterViewModel(ObjectProperty<PairRow> selectedRow) {
        this.selectedRow = selectedRow;
        yMode.addListener((obs, was, now) -> rebuild());
    }

    public ObjectProperty<YAxisMode> yModeProperty() {
        return yMode;
    }

    public ObservableList<ScatterSeries> series() {
        return series;
    }

    /** Points coloured by slice (the slice selector sets it), or null: one colour per model. */
    public ObjectProperty<SliceColors> sliceColorsProperty() {
        return sliceColors;
    }

    public ObjectProperty<PairRow> selectedRowProperty() {
        return selectedRow;
    }

    public void show(ScoringResult r) {
        this.result = r;
        rebuild();
    }

    /** Selects the pair behind a point. */
    public void pointClicked(int seriesIndex, int itemIndex) {
        if (seriesIndex >= 0 && seriesIndex < series.size()) {
            List<ScatterSeries.Point> pts = series.get(seriesIndex).points();
            if (itemIndex >= 0 && itemIndex < pts.size()) {
                selectedRow.set(pts.get(itemIndex).row());
            }
        }
    }

    private void rebuild() {
        if (result == null) {
            series.clear();
            return;
        }
        List<ScatterSeries> out = new ArrayList<>();
        for (ModelEvaluation ev : result.evaluations()) {
            double[] y = yMode.get() == YAxisMode.COSINE ? ev.cosine() : ev.scaled();
            List<ScatterSeries.Point> pts = new ArrayList<>();
            for (int i = 0; i < result.rows().size(); i++) {
                PairRow row = result.rows().get(i);
                Double gold = result.gold()[i];
                if (gold != null) {
                    pts.add(new ScatterSeries.Point(gold, y[i], row));
                }
            }
            out.add(new ScatterSeries(ev.model(), legend(ev), pts));
        }
        series.setAll(out);
    }

    static String legend(ModelEvaluation ev) {
        String name = ModelNames.shortName(ev.model());
        if (ev.metrics() == null) {
            return name;
        }
        return String.format(Locale.ROOT, "%s (Pearson %.3f, Spearman %.3f)", name,
                ev.metrics().pearson().value(), ev.metrics().spearman().value());
    }
}
