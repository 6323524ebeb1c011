package kr.sbert.workbench.gui.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.train.RunFolder;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * The Runs view's state: every run under the runs folder and in the run folders the user opened
 * (a {@code train --out} folder, or a folder of runs), read in the background; the opened folders
 * are kept with the Train form so the list comes back after a restart.
 */
public final class RunsViewModel {
    private final Supplier<Path> root;
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ObservableList<RunFolder> runs = FXCollections.observableArrayList();
    private final ObservableList<Path> opened = FXCollections.observableArrayList();
    private final ObservableList<Path> picked = FXCollections.observableArrayList();
    private long generation;

    public RunsViewModel(Supplier<Path> root, TaskRunner runner, StatusViewModel status) {
        this.root = root;
        this.runner = runner;
        this.status = status;
    }

    /** The runs, those of the runs folder first, each by its folder name. */
    public ObservableList<RunFolder> runs() {
        return runs;
    }

    /** Folders the user opened besides the runs folder. */
    public ObservableList<Path> opened() {
        return opened;
    }

    /** The folders of the runs picked in the table (their curves overlaid), kept with the form. */
    public ObservableList<Path> picked() {
        return picked;
    }

    /** Adds a run folder (or a folder of runs) to the list and reads it. */
    public void open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!opened.contains(abs)) {
            opened.add(abs);
        }
        reload();
    }

    /** Reads every run again in the background (after a run ends, or on request). */
    public void reload() {
        long mine = ++generation;
        List<Path> sources = new ArrayList<>();
        if (root.get() != null) {
            sources.add(root.get());
        }
        sources.addAll(opened);
        runner.submit("Reading training runs", (progress, cancel) -> read(sources), list -> {
            if (mine == generation) {
                runs.setAll(list);
            }
        }, error -> status.report("reading training runs", error));
    }

    /** Every readable run of {@code sources}; a folder that is gone or not a run is passed over. */
    static List<RunFolder> read(List<Path> sources) {
        Set<Path> seen = new LinkedHashSet<>();
        for (Path s : sources) {
            if (!Files.isDirectory(s)) {
                continue;
            }
            try {
                for (Path p : RunFolder.find(s)) {
                    seen.add(p.toAbsolutePath().normalize());
                }
            } catch (IOException e) {
                // a folder that cannot be listed has no runs to show
            }
        }
        List<RunFolder> out = new ArrayList<>();
        for (Path p : seen) {
            try {
                out.add(RunFolder.read(p));
            } catch (IOException e) {
                // not a readable run (e.g. a folder being written): left out
            }
        }
        return out;
    }
}
