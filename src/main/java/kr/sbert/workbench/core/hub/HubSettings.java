package kr.sbert.workbench.core.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hub settings read from environment variables exactly as huggingface_hub reads them, so the
 * workbench and Python tools share one cache and one token.
 *
 * <ul>
 * <li>cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub};
 *     {@code HF_HOME} defaults to {@code $XDG_CACHE_HOME/huggingface}, else
 *     {@code ~/.cache/huggingface};</li>
 * <li>endpoint: {@code HF_ENDPOINT} (trailing {@code /} stripped), default
 *     {@code https://huggingface.co};</li>
 * <li>token: {@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN}, else the file
 *     {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} written by {@code huggingface-cli login};</li>
 * <li>offline: {@code HF_HUB_OFFLINE} (when unset, {@code TRANSFORMERS_OFFLINE}) is 1/ON/YES/TRUE.</li>
 * </ul>
 *
 * @param cacheRoot the hub cache folder (may not exist yet)
 * @param endpoint  the hub's base URL, without trailing slash
 * @param token     the access token, if any
 * @param offline   true when no network access is allowed at all
 */
public record HubSettings(Path cacheRoot, String endpoint, Optional<String> token, boolean offline) {

    /** The public hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    /** Settings from the process environment. */
    public static HubSettings fromSystem() {
        return fromEnvironment(System.getenv());
    }

    /** Settings from the given environment (tests pass their own map). */
    public static HubSettings fromEnvironment(Map<String, String> env) {
        String home = nonEmpty(env.get("HOME")).orElse(System.getProperty("user.home"));
        Path hfHome = nonEmpty(env.get("HF_HOME")).map(p -> expand(p, home))
                .orElseGet(() -> nonEmpty(env.get("XDG_CACHE_HOME")).map(p -> expand(p, home))
                        .orElse(Path.of(home, ".cache")).resolve("huggingface"));
        Path cache = nonEmpty(env.get("HF_HUB_CACHE")).or(() -> nonEmpty(env.get("HUGGINGFACE_HUB_CACHE")))
                .map(p -> expand(p, home)).orElse(hfHome.resolve("hub"));
        String endpoint = nonEmpty(env.get("HF_ENDPOINT")).orElse(DEFAULT_ENDPOINT);
        while (endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        Optional<String> token = nonEmpty(env.get("HF_TOKEN")).or(() -> nonEmpty(env.get("HUGGING_FACE_HUB_TOKEN")))
                .or(() -> readTokenFile(nonEmpty(env.get("HF_TOKEN_PATH")).map(p -> expand(p, home))
                        .orElse(hfHome.resolve("token"))));
        // as huggingface_hub: HF_HUB_OFFLINE when set, else TRANSFORMERS_OFFLINE
        boolean offline = isTrue(nonEmpty(env.get("HF_HUB_OFFLINE")).orElse(env.get("TRANSFORMERS_OFFLINE")));
        return new HubSettings(cache, endpoint, token.map(String::strip), offline);
    }

    /** The same settings with offline mode switched. */
    public HubSettings withOffline(boolean offline) {
        return new HubSettings(cacheRoot, endpoint, token, offline);
    }

    /** Never prints the token itself. */
    @Override
    public String toString() {
        return "HubSettings[cacheRoot=" + cacheRoot + ", endpoint=" + endpoint
                + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", offline=" + offline + "]";
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT));
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Path expand(String path, String home) {
        return path.equals("~") || path.startsWith("~/") ? Path.of(home + path.substring(1)) : Path.of(path);
    }

    private static Optional<String> readTokenFile(Path file) {
        try {
            return Files.isRegularFile(file) ? nonEmpty(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable token file is the same as none
        }
    }
}
