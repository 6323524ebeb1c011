package kr.sbert.workbench.core.train;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.model.TrainingSession;

/**
 * A training run's output folder: {@code final/}, {@code best/}, {@code train-log.jsonl},
 * {@code train-settings.json} and {@code run.json} (how the run ended, see {@link RunRecord}).
 * Each model is written into a hidden temporary folder beside its place and moved there when
 * complete, so a crash or cancel never leaves a half-written model; a folder that already holds a
 * run's output is refused, so an earlier run is never touched. Only the temporary folders this
 * instance created are ever removed: whatever else is in the folder is the user's.
 */
public final class RunDirectory implements ModelSink {
    public static final String FINAL = "final";
    public static final String BEST = "best";
    public static final String LOG = "train-log.jsonl";
    public static final String SETTINGS = "train-settings.json";
    public static final String RECORD = "run.json";
    private static final List<String> OUTPUTS = List.of(FINAL, BEST, LOG, SETTINGS, RECORD);

    private final Path dir;
    /** The temporary folders this run created and has not removed yet. */
    private final Set<Path> temporaries = new LinkedHashSet<>();

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder if needed; refuses one that holds an earlier run's output. */
    public static RunDirectory create(Path dir) throws InvalidInputException {
        for (String name : OUTPUTS) {
            if (Files.exists(dir.resolve(name))) {
                throw new InvalidInputException(dir + ": already holds a training run (" + name
                        + "); choose another output folder or remove it");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot create the output folder (" + e.getMessage() + ")", e);
        }
        return new RunDirectory(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path finalModel() {
        return dir.resolve(FINAL);
    }

    public Path bestModel() {
        return dir.resolve(BEST);
    }

    public Path log() {
        return dir.resolve(LOG);
    }

    public Path settings() {
        return dir.resolve(SETTINGS);
    }

    public Path record() {
        return dir.resolve(RECORD);
    }

    @Override
    public void saveBest(TrainingSession session, EvalRecord eval) throws IOException {
        writeAtomically(session, BEST);
    }

    @Override
    public void saveFinal(TrainingSession session) throws IOException {
        writeAtomically(session, FINAL);
    }

    private void writeAtomically(TrainingSession session, String name) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = Files.createTempDirectory(dir, "." + name + "-writing-");
        synchronized (temporaries) {
            temporaries.add(tmp);
        }
        Path old = null;
        try {
            session.writeModelFolder(tmp);
            if (Files.exists(target)) {
                Path aside = dir.resolve("." + name + "-old-" + tmp.getFileName());
                // Fails (and nothing is marked for deletion) if something is already there.
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                old = aside;
                synchronized (temporaries) {
                    temporaries.add(old);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(target + " appeared while the model was written", e);
            }
        } finally {
            forget(tmp);
            if (old != null) {
                forget(old);
            }
        }
    }

    private void forget(Path temporary) throws IOException {
        deleteTree(temporary);
        synchronized (temporaries) {
            temporaries.remove(temporary);
        }
    }

    /**
     * Removes the temporary folders this run created that are still there (a write interrupted
     * by a cancel). Nothing else is touched, whatever its name: a folder or file the run did not
     * create is never deleted.
     */
    public void removeLeftovers() throws IOException {
        List<Path> left;
        synchronized (temporaries) {
            left = List.copyOf(temporaries);
        }
        for (Path p : left) {
            forget(p);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
