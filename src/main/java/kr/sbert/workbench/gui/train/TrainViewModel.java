package kr.sbert.workbench.gui.train;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TrainingSession;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.train.EvalRecord;
import kr.sbert.workbench.core.train.LossKind;
import kr.sbert.workbench.core.train.RunDirectory;
import kr.sbert.workbench.core.train.StepRecord;
import kr.sbert.workbench.core.train.TrainData;
import kr.sbert.workbench.core.train.TrainListener;
import kr.sbert.workbench.core.train.TrainRun;
import kr.sbert.workbench.core.train.Verdict;
import kr.sbert.workbench.gui.ModelNames;
import kr.sbert.workbench.core.train.TrainPair;
import kr.sbert.workbench.core.train.TrainResult;
import kr.sbert.workbench.core.train.TrainSettings;
import kr.sbert.workbench.core.train.TrainSettingsFile;
import kr.sbert.workbench.gui.models.ModelEntry;
import kr.sbert.workbench.gui.models.ModelState;
import kr.sbert.workbench.gui.models.ModelsViewModel;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;
import kr.sbert.workbench.gui.task.TaskState;

/**
 * The Train tab's state: base model, data, settings, and the run in progress — its step and
 * evaluation records (appended on the FX thread as the run reports them), the untrained model's
 * dev Spearman and an estimate of the time left. When a run ends its best (else final) model is
 * added to the models panel, ticked, beside its ticked base; a cancelled or failed run adds nothing.
 */
public final class TrainViewModel {
    private final ModelsViewModel models;
    private final Supplier<List<SentencePair>> tablePairs;
    private final TaskRunner runner;
    private final StatusViewModel status;

    private final ObjectProperty<ModelEntry> base = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> trainFile = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> devFile = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> testFile = new SimpleObjectProperty<>();
    private final StringProperty earlyStopping = new SimpleStringProperty("0");
    /** The base model's id as saved with the form, picked again once that model is ready. */
    private final StringProperty savedBaseId = new SimpleStringProperty();
    private final BooleanProperty devFromTable = new SimpleBooleanProperty();
    private final ObjectProperty<LossKind> loss = new SimpleObjectProperty<>(LossKind.COSINE);
    private final StringProperty epochs = new SimpleStringProperty("" + TrainSettings.DEFAULT_EPOCHS);
    private final StringProperty batchSize = new SimpleStringProperty("" + TrainSettings.DEFAULT_BATCH_SIZE);
    private final StringProperty lr = new SimpleStringProperty("" + TrainSettings.DEFAULT_LR);
    private final StringProperty warmupRatio = new SimpleStringProperty("" + TrainSettings.DEFAULT_WARMUP_RATIO);
    private final StringProperty weightDecay = new SimpleStringProperty("" + TrainSettings.DEFAULT_WEIGHT_DECAY);
    private final StringProperty maxGradNorm = new SimpleStringProperty("" + TrainSettings.DEFAULT_MAX_GRAD_NORM);
    /** {@code auto}: often enough for 10 points per run, whatever its size. */
    private final StringProperty evalSteps = new SimpleStringProperty(TrainForm.AUTO);
    private final BooleanProperty shuffle = new SimpleBooleanProperty(true);
    private final StringProperty seed = new SimpleStringProperty("" + TrainSettings.DEFAULT_SEED);
    private final ObjectProperty<Path> outputRoot = new SimpleObjectProperty<>();

    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final IntegerProperty totalSteps = new SimpleIntegerProperty();
    private final DoubleProperty baselineSpearman = new SimpleDoubleProperty(Double.NaN);
    private final ObservableList<StepRecord> steps = FXCollections.observableArrayList();
    private final ObservableList<EvalRecord> evals = FXCollections.observableArrayList();
    private final ObjectProperty<Path> trainedModel = new SimpleObjectProperty<>();
    private final Queue<Object> reported = new ConcurrentLinkedQueue<>();
    private final IntegerProperty stepsPerEpoch = new SimpleIntegerProperty();
    private final IntegerProperty epochsOfRun = new SimpleIntegerProperty();
    private final IntegerProperty stoppedAt = new SimpleIntegerProperty(-1);
    private final RunsViewModel runs;
    private final TrainFormStore store;
    private TaskHandle task;

    /**
     * @param tablePairs the pairs in the window's table (the dev set when {@link #devFromTableProperty} is on)
     * @param outputRoot where runs are written, one new folder each
     */
    public TrainViewModel(ModelsViewModel models, Supplier<List<SentencePair>> tablePairs, TaskRunner runner,
                          StatusViewModel status, Path outputRoot) {
        this(models, tablePairs, runner, status, outputRoot, null, Runnable::run);
    }

    /**
     * @param formFile     where the form and the opened run folders are kept ({@code train-form.json}
     *                     beside the workspace), restored from it now and saved after every change;
     *                     null: not kept
     * @param saveExecutor where that file is written (a background thread in the app)
     */
    public TrainViewModel(ModelsViewModel models, Supplier<List<SentencePair>> tablePairs, TaskRunner runner,
                          StatusViewModel status, Path outputRoot, Path formFile, java.util.concurrent.Executor saveExecutor) {
        this.models = models;
        this.tablePairs = tablePairs;
        this.runner = runner;
        this.status = status;
        this.outputRoot.set(outputRoot);
        this.runs = new RunsViewModel(this.outputRoot::get, runner, status);
        this.store = formFile == null ? null : new TrainFormStore(formFile, saveExecutor);
        if (store != null) {
            store.restore(this);
            store.watch(this);
        }
    }

    /** The Runs view. */
    public RunsViewModel runs() {
        return runs;
    }

    public ObjectProperty<Path> testFileProperty() {
        return testFile;
    }

    public StringProperty earlyStoppingProperty() {
        return earlyStopping;
    }

    /** The saved base model's id, to pick again once it is ready (null: none saved). */
    public StringProperty savedBaseIdProperty() {
        return savedBaseId;
    }

    /** Steps per epoch of the run on the chart (0 before it starts). */
    public IntegerProperty stepsPerEpochProperty() {
        return stepsPerEpoch;
    }

    /** Epochs of the run on the chart. */
    public IntegerProperty epochsOfRunProperty() {
        return epochsOfRun;
    }

    /** The step early stopping ended the run on the chart at, or -1. */
    public IntegerProperty stoppedAtProperty() {
        return stoppedAt;
    }

    /** The run on the chart as a curve. */
    public TrainChart.Curve liveCurve() {
        return new TrainChart.Curve("this run", steps, evals, baselineSpearman.get(), stepsPerEpoch.get(),
                epochsOfRun.get(), stoppedAt.get());
    }

    /** Loaded neural models (a baseline cannot be trained). */
    public List<ModelEntry> trainableModels() {
        return models.entries().stream()
                .filter(e -> e.state() == ModelState.READY && e.loaded() != null && e.loaded().info().isPresent())
                .toList();
    }

    public ObjectProperty<ModelEntry> baseProperty() {
        return base;
    }

    public ObjectProperty<Path> trainFileProperty() {
        return trainFile;
    }

    public ObjectProperty<Path> devFileProperty() {
        return devFile;
    }

    public BooleanProperty devFromTableProperty() {
        return devFromTable;
    }

    public ObjectProperty<LossKind> lossProperty() {
        return loss;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    public StringProperty lrProperty() {
        return lr;
    }

    public StringProperty warmupRatioProperty() {
        return warmupRatio;
    }

    public StringProperty weightDecayProperty() {
        return weightDecay;
    }

    public StringProperty maxGradNormProperty() {
        return maxGradNorm;
    }

    public StringProperty evalStepsProperty() {
        return evalSteps;
    }

    public BooleanProperty shuffleProperty() {
        return shuffle;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Path> outputRootProperty() {
        return outputRoot;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty timeLeftProperty() {
        return timeLeft;
    }

    public IntegerProperty totalStepsProperty() {
        return totalSteps;
    }

    /** The untrained model's dev Spearman (NaN until the first evaluation). */
    public DoubleProperty baselineSpearmanProperty() {
        return baselineSpearman;
    }

    public ObservableList<StepRecord> steps() {
        return steps;
    }

    public ObservableList<EvalRecord> evaluations() {
        return evals;
    }

    /** The model the last finished run added to the models panel, or null. */
    public ObjectProperty<Path> trainedModelProperty() {
        return trainedModel;
    }

    /** Starts a run; one line in {@link #messageProperty} when something is missing or malformed. */
    public void start() {
        if (running.get()) {
            return;
        }
        ModelEntry baseEntry = base.get();
        ModelInfo info = baseEntry == null || baseEntry.loaded() == null ? null
                : baseEntry.loaded().info().orElse(null);
        TrainSettings settings;
        TrainForm form;
        try {
            if (info == null) {
                throw new IllegalArgumentException("choose a loaded model to train (a baseline cannot be trained)");
            }
            if (trainFile.get() == null) {
                throw new IllegalArgumentException("choose a training file");
            }
            if (!devFromTable.get() && devFile.get() == null) {
                throw new IllegalArgumentException("choose a dev file, or use the pairs in the table");
            }
            form = new TrainForm(loss.get(), epochs.get(), batchSize.get(), lr.get(), warmupRatio.get(),
                    weightDecay.get(), maxGradNorm.get(), evalSteps.get(), shuffle.get(), seed.get(),
                    earlyStopping.get());
            settings = form.toSettings(1); // checks every field now; "auto" is resolved for the data
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        List<SentencePair> table = devFromTable.get() ? tablePairs.get() : null;
        Path out = outputRoot.get().resolve(runName(baseEntry.id(), settings));
        for (int k = 2; java.nio.file.Files.exists(out); k++) { // two runs started in the same second
            out = outputRoot.get().resolve(runName(baseEntry.id(), settings) + "-" + k);
        }
        Path runDir = out;
        Path baseFolder = info.folder();
        Path trainPath = trainFile.get();
        Path devPath = devFile.get();
        Path testPath = testFile.get();
        steps.clear();
        evals.clear();
        reported.clear();
        baselineSpearman.set(Double.NaN);
        totalSteps.set(0);
        stepsPerEpoch.set(0);
        epochsOfRun.set(settings.epochs());
        stoppedAt.set(-1);
        timeLeft.set("");
        trainedModel.set(null);
        running.set(true);
        message.set("training " + baseEntry.id() + " → " + out);
        task = runner.submit("Training " + baseEntry.id(),
                (progress, cancel) -> train(baseEntry.id(), baseFolder, trainPath, devPath, testPath, table, form,
                        runDir, progress, cancel),
                outcome -> finished(baseEntry, outcome),
                error -> {
                    drain();
                    running.set(false);
                    message.set("training stopped: " + StatusViewModel.oneLine(error));
                    status.report("training " + baseEntry.id(), error);
                    runs.reload();
                });
        if (!task.state().finished()) {
            task.progressProperty().addListener((o, was, now) -> drain());
            task.messageProperty().addListener((o, was, now) -> drain());
            task.stateProperty().addListener((o, was, now) -> {
                if (now == TaskState.CANCELLED) {
                    cancelled();
                }
            });
        } else if (task.state() == TaskState.CANCELLED) {
            cancelled();
        }
    }

    /** Asks the run to stop at its next step; nothing is added to the models panel. */
    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    private void cancelled() {
        drain();
        running.set(false);
        timeLeft.set("");
        message.set("training cancelled: no model was added; the run is listed as cancelled");
        runs.reload();
    }

    /** What a finished run produced: the model to add and the run's evaluations. */
    record Outcome(Path model, TrainResult result, int devShared, int testShared) {
    }

    /** Runs on the background thread; reports records through the queue drained on the FX thread. */
    private Outcome train(String name, Path baseFolder, Path trainPath, Path devPath, Path testPath,
                          List<SentencePair> table, TrainForm form, Path out, ProgressListener progress,
                          CancelToken cancel) throws WorkbenchException, java.io.IOException {
        StsDataset trainData = StsReader.read(trainPath, ReadOptions.defaults());
        List<TrainPair> trainPairs = TrainData.trainPairs(trainData);
        StsDataset devData = table == null ? StsReader.read(devPath, ReadOptions.defaults()) : null;
        List<SentencePair> dev = table == null ? TrainData.devPairs(devData)
                : table.stream().filter(SentencePair::hasGold).toList();
        if (dev.size() < 2) {
            throw new kr.sbert.workbench.core.InvalidInputException("the table holds " + dev.size()
                    + " pairs with gold; evaluating needs at least two");
        }
        StsDataset testData = testPath == null ? null : StsReader.read(testPath, ReadOptions.defaults());
        List<SentencePair> test = testData == null ? List.of() : TrainData.devPairs(testData);
        TrainSettings settings = form.toSettings(trainPairs.size());
        RunDirectory run = RunDirectory.create(out);
        int perEpoch = settings.stepsPerEpoch(trainPairs.size());
        int total = settings.totalSteps(trainPairs.size());
        reported.add(new int[] {perEpoch});
        TrainListener report = new TrainListener() {
            @Override
            public void started(int totalSteps, int perEpochSteps) {
                reported.add(totalSteps);
                progress.update("step", 0, totalSteps);
            }

            @Override
            public void step(StepRecord s) {
                reported.add(s);
                progress.update("step", s.step(), total);
            }

            @Override
            public void evaluated(EvalRecord e) {
                reported.add(e);
                progress.update("evaluated at step", e.step(), total);
            }
        };
        try (TrainingSession session = TrainingSession.open(baseFolder, name,
                // no prompt: sentence-transformers 2.3's fit() tokenizes the texts as they are
                new SentenceTransformerModel.Options(32, false, settings.maxSeqLength())
                        .with(null, kr.sbert.workbench.core.model.PromptChoice.text("")), settings.seed())) {
            TrainSettingsFile.write(run.settings(), settings, total, perEpoch,
                    TrainSettingsFile.BaseModel.of(name, baseFolder, session.model().info()), session.dropout(), trainData, devData,
                    dev.size(), testData, session.settingsVersions());
            TrainResult result = new TrainRun(run, settings).execute(session, trainPairs, dev, test,
                    testPath == null ? null : testPath.toAbsolutePath().toString(), cancel, report);
            int devShared = TrainData.sharingTrainingSentences(trainPairs, dev);
            int testShared = test.isEmpty() ? 0 : TrainData.sharingTrainingSentences(trainPairs, test);
            return new Outcome(result.improved() ? run.bestModel() : run.finalModel(), result, devShared, testShared);
        }
    }

    private void finished(ModelEntry baseEntry, Outcome outcome) {
        drain();
        running.set(false);
        timeLeft.set("");
        TrainResult r = outcome.result();
        stoppedAt.set(r.stoppedEarlyAt());
        Verdict v = r.verdict();
        boolean tick = v.improved();
        StringBuilder m = new StringBuilder();
        m.append(v.chosen()).append(" (step ").append(v.chosenStep()).append(") − base: dev Δ ")
                .append(Verdict.delta(v.dev()));
        if (v.test() != null) {
            m.append(", test Δ ").append(Verdict.delta(v.test()));
        }
        m.append(": ").append(v.conclusion()).append(tick ? "; added and ticked " : "; added, not ticked: ")
                .append(ModelNames.name(outcome.model().toString()));
        if (v.test() == null) {
            m.append(" (dev chose the step: the gain is optimistic; a test file gives the number to trust)");
        }
        if (outcome.devShared() > 0 || outcome.testShared() > 0) {
            m.append(String.format(Locale.ROOT, ". Warning: %d dev%s pairs share a sentence with the training pairs",
                    outcome.devShared(), v.test() == null ? "" : " and " + outcome.testShared() + " test"));
        }
        message.set(m.toString());
        trainedModel.set(outcome.model());
        baseEntry.setSelected(true);
        models.addModel(outcome.model().toString());
        if (!tick) {
            models.find(outcome.model().toString()).ifPresent(e -> e.setSelected(false));
        }
        runs.reload();
    }

    /** Moves what the run reported into the observable lists (FX thread). */
    void drain() {
        List<StepRecord> newSteps = new ArrayList<>();
        for (Object o; (o = reported.poll()) != null; ) {
            if (o instanceof int[] perEpoch) {
                stepsPerEpoch.set(perEpoch[0]);
            } else if (o instanceof Integer total) {
                totalSteps.set(total);
            } else if (o instanceof StepRecord s) {
                newSteps.add(s);
            } else if (o instanceof EvalRecord e) {
                if (!newSteps.isEmpty()) {
                    steps.addAll(newSteps);
                    newSteps.clear();
                }
                if (e.step() == 0) {
                    baselineSpearman.set(e.spearman());
                }
                evals.add(e);
            }
        }
        steps.addAll(newSteps);
        if (!steps.isEmpty() && totalSteps.get() > 0 && running.get()) {
            StepRecord last = steps.get(steps.size() - 1);
            double left = last.timeS() / last.step() * (totalSteps.get() - last.step());
            timeLeft.set(last.step() >= totalSteps.get() ? "" : "about " + duration(left) + " left");
        }
    }

    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : s + " s";
    }

    /**
     * The run's folder name, which names its models everywhere: base, loss, learning rate, epochs
     * and start time, e.g. {@code tiny-kr-sbert_cosine_lr2e-05_4ep_20261207-145512}.
     */
    static String runName(String id, TrainSettings s) {
        String last = Path.of(id).getFileName() == null ? "model" : Path.of(id).getFileName().toString();
        return last.replaceAll("[^A-Za-z0-9._-]", "_") + "_" + s.loss().key() + "_lr"
                + Double.toString(s.lr()).replace(".0E", "e").replace('E', 'e')
                + "_" + s.epochs() + "ep_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
