package kr.sbert.workbench.core.train;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.model.TrainingSession;

/**
 * A training run's output folder: {@code final/}, {@code best/}, {@code train-log.jsonl} and
 * {@code train-settings.json}. Each model is written into a hidden temporary folder beside its
 * place and moved there when complete, so a crash or cancel never leaves a half-written model;
 * a folder that already holds a run's output is refused, so an earlier run is never touched.
 */
public final class RunDirectory implements ModelSink {
    public static final String FINAL = "final";
    public static final String BEST = "best";
    public static final String LOG = "train-log.jsonl";
    public static final String SETTINGS = "train-settings.json";
    private static final List<String> OUTPUTS = List.of(FINAL, BEST, LOG, SETTINGS);

    private final Path dir;

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
        Path old = null;
        try {
            session.writeModelFolder(tmp);
            if (Files.exists(target)) {
                old = dir.resolve("." + name + "-old-" + tmp.getFileName());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(target + " appeared while the model was written", e);
            }
        } finally {
            deleteTree(tmp);
            if (old != null) {
                deleteTree(old);
            }
        }
    }

    /** Removes temporary folders a killed run may have left (never a finished model). */
    public void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*-writing-*")) {
            for (Path p : entries) {
                deleteTree(p);
            }
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
