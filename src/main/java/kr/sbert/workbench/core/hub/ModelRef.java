package kr.sbert.workbench.core.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * What a user typed to name a model, parsed: a local folder, a hub id {@code org/name} with an
 * optional {@code @revision}, or a {@code baseline:NAME} (a lexical baseline, not a model).
 *
 * <p>Rules, in order: {@code baseline:} prefix → {@link Kind#BASELINE}; a path that exists on
 * disk, or starts with {@code /}, {@code ./}, {@code ../} or {@code ~} → {@link Kind#FOLDER};
 * otherwise it must be {@code org/name[@revision]} → {@link Kind#HUB}.
 *
 * @param kind     which of the three it is
 * @param folder   the folder ({@code FOLDER} only, {@code ~} expanded), else null
 * @param repoId   {@code org/name} ({@code HUB} only), else null
 * @param revision branch, tag, 40-hex commit or {@code refs/pr/N} ({@code HUB} only; default
 *                 {@code main}), else null
 * @param baseline the name after {@code baseline:} ({@code BASELINE} only), else null
 */
public record ModelRef(Kind kind, Path folder, String repoId, String revision, String baseline) {

    /** The three kinds of model reference. */
    public enum Kind { FOLDER, HUB, BASELINE }

    /** The revision used when none is given, as in huggingface_hub. */
    public static final String DEFAULT_REVISION = "main";

    private static final String BASELINE_PREFIX = "baseline:";
    // huggingface_hub's repo id rule: letters, digits, '-', '_', '.', no "--" or "..", ≤ 96 chars.
    private static final Pattern REPO_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern REVISION_PART = Pattern.compile("[A-Za-z0-9_.+-]+");
    private static final Pattern BASELINE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public ModelRef {
        Objects.requireNonNull(kind, "kind");
    }

    /** A folder reference. */
    public static ModelRef ofFolder(Path folder) {
        return new ModelRef(Kind.FOLDER, folder, null, null, null);
    }

    /** A hub reference; both parts are validated. */
    public static ModelRef ofHub(String repoId, String revision) throws InvalidInputException {
        checkRepoId(repoId);
        checkRevision(repoId, revision);
        return new ModelRef(Kind.HUB, null, repoId, revision, null);
    }

    /**
     * Parses a model spec as typed by a user.
     *
     * @throws InvalidInputException naming the spec and what is wrong with it
     */
    public static ModelRef parse(String spec) throws InvalidInputException {
        return parse(spec, System.getProperty("user.home"));
    }

    /** As {@link #parse(String)}, with the home folder used to expand {@code ~} given. */
    public static ModelRef parse(String spec, String home) throws InvalidInputException {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("model: empty; give a folder, a hub id org/name[@revision] or baseline:NAME");
        }
        String s = spec.strip();
        if (s.startsWith(BASELINE_PREFIX)) {
            String name = s.substring(BASELINE_PREFIX.length());
            if (!BASELINE_NAME.matcher(name).matches()) {
                throw new InvalidInputException("model '" + spec + "': baseline name must be letters, digits, '_', '-' or '.'");
            }
            return new ModelRef(Kind.BASELINE, null, null, null, name);
        }
        if (looksLikePath(s) || existsOnDisk(s)) {
            return ofFolder(expandHome(s, home));
        }
        int at = s.indexOf('@');
        String repoId = at < 0 ? s : s.substring(0, at);
        String revision = at < 0 ? DEFAULT_REVISION : s.substring(at + 1);
        try {
            return ofHub(repoId, revision);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("model '" + spec + "': " + e.getMessage()
                    + " (a folder must exist or start with /, ./, ../ or ~)");
        }
    }

    /** True when the revision is a full commit hash (needs no {@code refs/} lookup). */
    public boolean isCommit() {
        return revision != null && COMMIT.matcher(revision).matches();
    }

    /** The spec this reference was parsed from, normalised ({@code org/name@rev}, folder path, …). */
    @Override
    public String toString() {
        return switch (kind) {
            case FOLDER -> folder.toString();
            case HUB -> DEFAULT_REVISION.equals(revision) ? repoId : repoId + "@" + revision;
            case BASELINE -> BASELINE_PREFIX + baseline;
        };
    }

    static void checkRepoId(String repoId) throws InvalidInputException {
        String[] parts = repoId.split("/", -1);
        if (parts.length != 2) {
            throw new InvalidInputException("hub id must be org/name, got '" + repoId + "'");
        }
        for (String part : parts) {
            if (!REPO_PART.matcher(part).matches() || part.contains("--") || part.contains("..")
                    || part.endsWith(".") || part.endsWith("-")) {
                throw new InvalidInputException("hub id '" + repoId + "': '" + part
                        + "' must be letters, digits, '-', '_' or '.', without '--' or '..'");
            }
        }
        if (repoId.length() > 96) {
            throw new InvalidInputException("hub id '" + repoId + "' is longer than 96 characters");
        }
    }

    /** Revisions become paths under {@code refs/}: refuse anything that could leave that folder. */
    static void checkRevision(String repoId, String revision) throws InvalidInputException {
        if (revision == null || revision.isEmpty()) {
            throw new InvalidInputException("hub id '" + repoId + "': empty revision after '@'");
        }
        for (String part : revision.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || !REVISION_PART.matcher(part).matches()) {
                throw new InvalidInputException("hub id '" + repoId + "': revision '" + revision
                        + "' must be a branch, tag, commit or refs/pr/N");
            }
        }
    }

    private static boolean looksLikePath(String s) {
        return s.startsWith("/") || s.startsWith("./") || s.startsWith("../") || s.startsWith("~")
                || s.equals(".") || s.equals("..") || s.contains("\\");
    }

    private static boolean existsOnDisk(String s) {
        try {
            return Files.exists(Path.of(s));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static Path expandHome(String s, String home) throws InvalidInputException {
        try {
            if (s.equals("~") || s.startsWith("~/")) {
                return Path.of(home + s.substring(1));
            }
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("model '" + s + "': not a valid path: " + e.getReason());
        }
    }
}
