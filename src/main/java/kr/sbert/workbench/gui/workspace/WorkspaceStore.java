package kr.sbert.workbench.gui.workspace;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes {@code workspace.json} in the workbench's configuration folder. Writes go
 * to a temporary file in the same folder that is then renamed over the old one, so the file
 * on disk is always either the old or the new workspace.
 */
public final class WorkspaceStore {
    /** System property that overrides the configuration folder (tests, portable installs). */
    public static final String DIR_PROPERTY = "kr.sbert.workbench.config";
    /** Environment variable that overrides the configuration folder. */
    public static final String DIR_ENV = "KR_SBERT_WORKBENCH_CONFIG";
    static final String FILE_NAME = "workspace.json";

    private final Path dir;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    public WorkspaceStore(Path dir) {
        this.dir = dir;
    }

    /** The store in the default folder: property, then env var, then XDG config home. */
    public static WorkspaceStore atDefaultLocation() {
        return new WorkspaceStore(defaultDir());
    }

    /** {@code -Dkr.sbert.workbench.config}, {@code $KR_SBERT_WORKBENCH_CONFIG}, {@code $XDG_CONFIG_HOME/kr-sbert-workbench}, {@code ~/.config/kr-sbert-workbench}. */
    public static Path defaultDir() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("kr-sbert-workbench");
    }

    public Path file() {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The saved workspace, or empty when there is none. A file that cannot be parsed is kept
     * aside as {@code workspace.json.broken} (never deleted) and reported.
     */
    public Optional<Workspace> load() throws IOException {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Optional.ofNullable(gson.fromJson(json, Workspace.class));
        } catch (JsonParseException e) {
            Path aside = dir.resolve(FILE_NAME + ".broken");
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            throw new IOException(file + " could not be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); kept as " + aside.getFileName(), e);
        }
    }

    /** Writes the workspace atomically. */
    public synchronized void save(Workspace workspace) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, gson.toJson(workspace), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
