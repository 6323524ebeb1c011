package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tokenizer files shipped inside the workbench (no weights), so a catalog variant's tokens can be
 * shown before anything is downloaded. Only files whose licence allows it are shipped: the V40K
 * variant's (MIT, its {@code LICENSE} beside them). Each is a folder in the sentence-transformers
 * layout that {@code ModelFolder} reads like any model folder; inside the jar it is a path of a
 * read-only zip file system, so nothing is unpacked to disk.
 */
public final class BundledTokenizers {
    /** Resource folder holding one sub-folder per shipped variant. */
    static final String ROOT = "/kr/sbert/workbench/tokenizers/";
    private static final Map<String, String> FOLDERS = Map.of(
            "snunlp/KR-SBERT-V40K-klueNLI-augSTS", "KR-SBERT-V40K-klueNLI-augSTS");

    private BundledTokenizers() {
    }

    /** Hub ids whose tokenizer files are shipped. */
    public static Set<String> ids() {
        return FOLDERS.keySet();
    }

    /**
     * The shipped folder for a hub id on its default revision, if there is one.
     *
     * @throws IllegalStateException when the workbench was built without the files it lists
     */
    public static Optional<Path> folder(String repoId) {
        String name = FOLDERS.get(repoId);
        if (name == null) {
            return Optional.empty();
        }
        URL url = BundledTokenizers.class.getResource(ROOT + name + "/modules.json");
        if (url == null) {
            throw new IllegalStateException("the shipped tokenizer of " + repoId + " is missing from the build ("
                    + ROOT + name + ")");
        }
        try {
            return Optional.of(folderAt(url));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the shipped tokenizer of " + repoId + ": " + e.getMessage(), e);
        }
    }

    /** The folder of a shipped {@code modules.json} resource, a directory or a folder inside a jar. */
    static Path folderAt(URL modulesJson) throws URISyntaxException, IOException {
        return pathOf(modulesJson.toURI()).getParent();
    }

    /** Whether a folder is one of the shipped tokenizers (as opposed to a cache snapshot or a user's folder). */
    public static boolean isBundled(Path folder) {
        for (String id : FOLDERS.keySet()) {
            if (folder(id).filter(folder::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static synchronized Path pathOf(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException notYet) {
            try {
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                // opened meanwhile: fine
            }
        }
        return Path.of(uri);
    }
}
