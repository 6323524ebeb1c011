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
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.RunFolder;
import kr.sbert.workbench.core.train.RunRecord;
import kr.sbert.workbench.core.train.Verdict;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.gui.main.WorkbenchViewModel;
import kr.sbert.workbench.gui.models.ModelEntry;

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
    @FXML private ComboBox<ModelEntry> baseChoice;
    @FXML private TextField trainField;
    @FXML private TextField devField;
    @FXML private TextField testField;
    @FXML private TextField earlyStopField;
    @FXML private TableView<RunFolder> runsTable;
    @FXML private Button addBestButton;
    @FXML private Button addFinalButton;
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
    private boolean reselecting;
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "train-chart-render");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong requested = new AtomicLong();
    private final ReadOnlyObjectWrapper<TrainChart.Built> rendered = new ReadOnlyObjectWrapper<>();

    public TrainController(WorkbenchViewModel main) {
        this.models = main.models();
        Path config = main.store().file().toAbsolutePath().getParent();
        this.vm = new TrainViewModel(main.models(), () -> main.pairs().pairs(), main.runner(), main.status(),
                config.resolve("trained"), config.resolve("train-form.json"), main.saveExecutor());
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
        // The form as restored from train-form.json, then every edit goes to the view model.
        trainField.setText(text(vm.trainFileProperty().get()));
        devField.setText(text(vm.devFileProperty().get()));
        testField.setText(text(vm.testFileProperty().get()));
        trainField.textProperty().addListener((o, was, now) -> vm.trainFileProperty().set(path(now)));
        devField.textProperty().addListener((o, was, now) -> vm.devFileProperty().set(path(now)));
        testField.textProperty().addListener((o, was, now) -> vm.testFileProperty().set(path(now)));
        earlyStopField.textProperty().bindBidirectional(vm.earlyStoppingProperty());
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

        Tooltip.install(chartHolder, new Tooltip("Dashed: the base model's dev Spearman. Dev falling while the"
                + " training loss falls: overfitting. Both jumping around: the learning rate is too high."
                + " Several runs picked below: their dev curves against epochs."));
        image.setPreserveRatio(false);
        chartHolder.getChildren().add(image);
        chartHolder.widthProperty().addListener((o, was, now) -> redraw());
        chartHolder.heightProperty().addListener((o, was, now) -> redraw());
        vm.steps().addListener((ListChangeListener<Object>) c -> redraw());
        vm.evaluations().addListener((ListChangeListener<Object>) c -> redraw());
        vm.baselineSpearmanProperty().addListener((o, was, now) -> redraw());
        vm.stoppedAtProperty().addListener((o, was, now) -> redraw());
        setUpRunsTable();
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
            // The model saved with the form when it is ready, else the first.
            String saved = vm.savedBaseIdProperty().get();
            baseChoice.setValue(baseChoice.getItems().stream().filter(e -> e.id().equals(saved)).findFirst()
                    .orElse(baseChoice.getItems().get(0)));
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
        TrainChart.Snapshot s = snapshot();
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

    @FXML
    private void chooseTest() {
        choose(testField, "Test pairs (no part in choosing)");
    }

    /** The runs picked in the table (their dev curves overlaid), else the run in progress or last run. */
    private TrainChart.Snapshot snapshot() {
        List<RunFolder> picked = List.copyOf(runsTable.getSelectionModel().getSelectedItems());
        boolean live = vm.runningProperty().get() || picked.isEmpty();
        if (live) {
            return TrainChart.Snapshot.of(vm.liveCurve());
        }
        return new TrainChart.Snapshot(picked.stream().map(TrainController::curve).toList());
    }

    static TrainChart.Curve curve(RunFolder r) {
        RunRecord rec = r.record();
        double base = r.evaluations().isEmpty() ? rec.baseSpearman() : r.evaluations().get(0).spearman();
        return new TrainChart.Curve(r.name(), r.steps(), r.evaluations(), base, rec.stepsPerEpoch(), r.epochs(),
                rec.stoppedEarlyAt());
    }

    private void setUpRunsTable() {
        runsTable.setItems(vm.runs().runs());
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runsTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        runsTable.setPlaceholder(new Label("no runs yet: they appear here, and after a restart"));
        column("run", 150, RunFolder::name);
        column("base", 90, r -> ModelNames.name(r.baseModel()));
        column("train", 80, r -> ModelNames.name(r.train()));
        column("dev", 70, r -> ModelNames.name(r.dev()));
        column("test", 70, r -> r.test().isEmpty() ? "–" : ModelNames.name(r.test()));
        column("loss", 50, RunFolder::loss);
        column("lr", 55, r -> Double.toString(r.lr()).replace(".0E", "e").replace('E', 'e'));
        column("ep", 30, r -> "" + r.epochs());
        column("batch", 40, r -> "" + r.batchSize());
        column("warmup", 50, r -> "" + r.warmupSteps());
        column("best step", 60, r -> r.record().bestStep() < 0 ? "–" : "" + r.record().bestStep());
        column("dev best", 55, r -> num(r.record().bestSpearman()));
        column("dev end", 55, r -> num(r.record().lastSpearman()));
        column("dev gain [95% CI]", 165, r -> r.record().verdict() == null ? "–" : Verdict.delta(r.record().verdict().dev()));
        column("test gain [95% CI]", 165, r -> r.record().verdict() == null || r.record().verdict().test() == null ? "–"
                : Verdict.delta(r.record().verdict().test()));
        column("wall", 55, r -> wall(r.record().wallSeconds()));
        column("state", 160, RunFolder::stateLabel);
        runsTable.setRowFactory(t -> {
            TableRow<RunFolder> row = new TableRow<>() {
                @Override
                protected void updateItem(RunFolder item, boolean empty) {
                    super.updateItem(item, empty);
                    setTooltip(empty || item == null ? null : new Tooltip(item.dir() + "\n" + item.stateLabel()
                            + (item.record().verdict() == null ? "" : "\n" + item.record().verdict().line())
                            + (item.record().message().isEmpty() ? "" : "\n" + item.record().message())));
                }
            };
            return row;
        });
        // The picked runs survive a reload of the list and a restart.
        vm.runs().runs().addListener((ListChangeListener<RunFolder>) c -> {
            List<Path> want = List.copyOf(vm.runs().picked());
            reselecting = true;
            try {
                runsTable.getSelectionModel().clearSelection();
                for (int i = 0; i < runsTable.getItems().size(); i++) {
                    if (want.contains(runsTable.getItems().get(i).dir())) {
                        runsTable.getSelectionModel().select(i);
                    }
                }
            } finally {
                reselecting = false;
            }
            redraw();
            updateRunButtons();
        });
        runsTable.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunFolder>) c -> {
            if (!reselecting) {
                vm.runs().picked().setAll(runsTable.getSelectionModel().getSelectedItems().stream()
                        .map(RunFolder::dir).toList());
            }
            redraw();
            updateRunButtons();
        });
        updateRunButtons();
        vm.runs().reload();
    }

    /** Add best / Add final are on when some picked run has that model. */
    private void updateRunButtons() {
        List<RunFolder> picked = runsTable.getSelectionModel().getSelectedItems();
        addBestButton.setDisable(picked.stream().noneMatch(RunFolder::hasBest));
        addFinalButton.setDisable(picked.stream().noneMatch(RunFolder::hasFinal));
    }

    private void column(String title, double width, java.util.function.Function<RunFolder, String> value) {
        TableColumn<RunFolder, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        runsTable.getColumns().add(c);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : "–";
    }

    private static String wall(double s) {
        return Double.isFinite(s) ? TrainViewModel.duration(s) : "–";
    }

    private static String text(Path p) {
        return p == null ? "" : p.toString();
    }

    /** Adds the picked runs' best (or final) models to the comparison, ticked. */
    private void addModels(String which) {
        for (RunFolder r : runsTable.getSelectionModel().getSelectedItems()) {
            Path model = r.dir().resolve(which);
            if (java.nio.file.Files.isDirectory(model)) {
                models.addModel(model.toString());
                models.find(model.toString()).ifPresent(e -> e.setSelected(true));
            }
        }
    }

    @FXML
    private void addBest() {
        addModels(kr.sbert.workbench.core.train.RunDirectory.BEST);
    }

    @FXML
    private void addFinal() {
        addModels(kr.sbert.workbench.core.train.RunDirectory.FINAL);
    }

    @FXML
    private void openRun() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("A run folder (train --out) or a folder of runs");
        File f = chooser.showDialog(root.getScene().getWindow());
        if (f != null) {
            vm.runs().open(f.toPath());
        }
    }

    /** The Runs table (for tests). */
    public TableView<RunFolder> runsTable() {
        return runsTable;
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
