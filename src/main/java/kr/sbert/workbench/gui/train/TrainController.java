package kr.sbert.workbench.gui.train;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.StringConverter;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.workspace.WorkspaceStore;

/**
 * The Train tab: binds the form to {@link TrainViewModel}, draws the curve off the FX thread
 * (like the scatter) and asks before the window closes during a run.
 */
public final class TrainController {
    private final TrainViewModel vm;
    private final kr.sbert.workbench.gui.models.ModelsViewModel models;
    @FXML private SplitPane root;
    @FXML private ScrollPane formScroll;
    @FXML private TitledPane moreSettings;
    @FXML private Label curveHint;
    @FXML private ComboBox<ModelEntry> baseChoice;
    @FXML private TextField trainField;
    @FXML private TextField devField;
    @FXML private CheckBox devFromTable;
    @FXML private ChoiceBox<LossKind> lossChoice;
    @FXML private TextField epochsField;
    @FXML private TextField batchField;
    @FXML private TextField lrField;
    @FXML private TextField warmupField;
    @FXML private TextField decayField;
    @FXML private TextField clipField;
    @FXML private TextField evalStepsField;
    @FXML private TextField seedField;
    @FXML private CheckBox shuffleBox;
    @FXML private TextField outputField;
    @FXML private Button startButton;
    @FXML private Button cancelButton;
    @FXML private Label messageLabel;
    @FXML private Label timeLeftLabel;
    @FXML private StackPane chartHolder;
    private final ImageView image = new ImageView();
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "train-chart-render");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requested = new AtomicLong();
    private final ReadOnlyObjectWrapper<TrainChart.Built> rendered = new ReadOnlyObjectWrapper<>();

    public TrainController(WorkbenchViewModel main) {
        this.models = main.models();
        this.vm = new TrainViewModel(main.models(), () -> main.pairs().pairs(), main.runner(), main.status(),
                WorkspaceStore.defaultDir().resolve("trained"));
    }

    public TrainViewModel viewModel() {
        return vm;
    }

    /** The chart as last drawn (its series hold the points on screen). */
    public ReadOnlyObjectProperty<TrainChart.Built> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    @FXML
    private void initialize() {
        baseChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelEntry e) {
                return e == null ? "" : e.id();
            }

            @Override
            public ModelEntry fromString(String s) {
                return null;
            }
        });
        // The chosen model's id is cut at its start ("…fixtures/tiny-kr-sbert"): the name is the
        // part worth reading; the whole id is on hover.
        baseChoice.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ModelEntry item, boolean empty) {
                super.updateItem(item, empty);
                // An own button cell must show the prompt itself when nothing is chosen.
                setText(empty || item == null ? baseChoice.getPromptText() : item.id());
                setStyle(empty || item == null ? "-fx-text-fill: #777777;" : null);
                setTooltip(empty || item == null ? null : new Tooltip(item.id()));
            }
        });
        baseChoice.getButtonCell().setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        baseChoice.setOnShowing(e -> refreshChoices());
        // A model that becomes ready (also while the window opens on this tab) is offered at once,
        // and the first one is picked when none is: the form never starts on an empty choice.
        for (ModelEntry e : models.entries()) {
            e.stateProperty().addListener((o, was, now) -> refresh());
        }
        models.entries().addListener((ListChangeListener<ModelEntry>) c -> {
            while (c.next()) {
                for (ModelEntry e : c.getAddedSubList()) {
                    e.stateProperty().addListener((o, was, now) -> refresh());
                }
            }
            refresh();
        });
        baseChoice.valueProperty().bindBidirectional(vm.baseProperty());
        trainField.textProperty().addListener((o, was, now) -> vm.trainFileProperty().set(path(now)));
        devField.textProperty().addListener((o, was, now) -> vm.devFileProperty().set(path(now)));
        devFromTable.selectedProperty().bindBidirectional(vm.devFromTableProperty());
        devField.disableProperty().bind(devFromTable.selectedProperty());
        lossChoice.getItems().setAll(LossKind.values());
        lossChoice.valueProperty().bindBidirectional(vm.lossProperty());
        epochsField.textProperty().bindBidirectional(vm.epochsProperty());
        batchField.textProperty().bindBidirectional(vm.batchSizeProperty());
        lrField.textProperty().bindBidirectional(vm.lrProperty());
        warmupField.textProperty().bindBidirectional(vm.warmupRatioProperty());
        decayField.textProperty().bindBidirectional(vm.weightDecayProperty());
        clipField.textProperty().bindBidirectional(vm.maxGradNormProperty());
        evalStepsField.textProperty().bindBidirectional(vm.evalStepsProperty());
        seedField.textProperty().bindBidirectional(vm.seedProperty());
        shuffleBox.selectedProperty().bindBidirectional(vm.shuffleProperty());
        outputField.setText(String.valueOf(vm.outputRootProperty().get()));
        outputField.textProperty().addListener((o, was, now) -> {
            Path p = path(now);
            if (p != null) {
                vm.outputRootProperty().set(p);
            }
        });
        startButton.disableProperty().bind(vm.runningProperty());
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        messageLabel.textProperty().bind(vm.messageProperty());
        timeLeftLabel.textProperty().bind(vm.timeLeftProperty());

        image.setPreserveRatio(false);
        chartHolder.getChildren().add(image);
        chartHolder.widthProperty().addListener((o, was, now) -> redraw());
        chartHolder.heightProperty().addListener((o, was, now) -> redraw());
        vm.steps().addListener((ListChangeListener<Object>) c -> redraw());
        vm.evaluations().addListener((ListChangeListener<Object>) c -> redraw());
        vm.baselineSpearmanProperty().addListener((o, was, now) -> redraw());
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, w, window) -> watchClosing(window));
                watchClosing(scene.getWindow());
            }
        });
    }

    /** Closing the window during a run asks first; yes cancels the run. */
    private void watchClosing(Window window) {
        if (window == null) {
            return;
        }
        window.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (!vm.runningProperty().get()) {
                return;
            }
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "A training run is in progress. Close the window and cancel it?", ButtonType.YES, ButtonType.NO);
            ask.initOwner(window);
            Optional<ButtonType> answer = ask.showAndWait();
            if (answer.isPresent() && answer.get() == ButtonType.YES) {
                vm.cancel();
            } else {
                e.consume();
            }
        });
    }

    private void refreshChoices() {
        ModelEntry chosen = baseChoice.getValue();
        List<ModelEntry> now = vm.trainableModels();
        baseChoice.getItems().setAll(now);
        if (chosen != null && now.contains(chosen)) {
            baseChoice.setValue(chosen);
        }
    }

    /** Refreshes the list of trainable models (also when the tab is shown). */
    public void refresh() {
        refreshChoices();
        if (baseChoice.getValue() == null && !baseChoice.getItems().isEmpty()) {
            baseChoice.setValue(baseChoice.getItems().get(0));
        }
    }

    private static Path path(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.strip());
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private void redraw() {
        double w = chartHolder.getWidth();
        double h = chartHolder.getHeight();
        if (w < 50 || h < 50) {
            return;
        }
        TrainChart.Snapshot s = new TrainChart.Snapshot(vm.steps(), vm.evaluations(),
                vm.baselineSpearmanProperty().get(), vm.totalStepsProperty().get());
        long generation = requested.incrementAndGet();
        renderer.execute(() -> {
            if (requested.get() != generation) {
                return;
            }
            TrainChart.Built built = TrainChart.build(s);
            BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            built.chart().draw(g, new Rectangle2D.Double(0, 0, w, h));
            g.dispose();
            Platform.runLater(() -> {
                if (requested.get() == generation) {
                    image.setImage(SwingFXUtils.toFXImage(img, null));
                    image.setFitWidth(w);
                    image.setFitHeight(h);
                    rendered.set(built);
                }
            });
        });
    }

    @FXML
    private void chooseTrain() {
        choose(trainField, "Training pairs");
    }

    @FXML
    private void chooseDev() {
        choose(devField, "Dev pairs");
    }

    private void choose(TextField field, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            field.setText(f.getPath());
        }
    }

    @FXML
    private void chooseOutput() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for training runs");
        File f = chooser.showDialog(root.getScene().getWindow());
        if (f != null) {
            outputField.setText(f.getPath());
        }
    }

    @FXML
    private void start() {
        refreshChoices();
        vm.start();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }
}
