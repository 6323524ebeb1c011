package kr.sbert.workbench.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings libtorch and its OpenMP runtime read from the environment once, when they load, put
 * into the process's environment before the engine starts, each only where the user has not set
 * it: the user's own value always wins. Measured on the project's machines (README, "Speed"):
 * <ul>
 *   <li>{@code OMP_WAIT_POLICY=PASSIVE}: OpenMP's threads sleep between operators instead of
 *   spinning; on a busy machine a spinning thread takes a core another thread is waiting for.</li>
 *   <li>{@code THP_MEM_ALLOC_ENABLE=1}: libtorch asks for transparent huge pages for tensors of
 *   2 MB and more, so a fresh activation costs a few page faults instead of thousands.</li>
 * </ul>
 * Where libc's {@code setenv} cannot be reached (not Linux/glibc), nothing is set.
 */
public final class NativeEnvironment {
    /** The settings and the values this tool gives them when the user has not. */
    static final Map<String, String> DEFAULTS = defaults();

    private static final Map<String, String> applied = new LinkedHashMap<>();
    private static boolean done;

    private NativeEnvironment() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("OMP_WAIT_POLICY", "PASSIVE");
        d.put("THP_MEM_ALLOC_ENABLE", "1");
        return java.util.Collections.unmodifiableMap(d);
    }

    /**
     * Sets the defaults the user has not set; must run before libtorch loads (later calls
     * change nothing the runtime still reads). Idempotent.
     */
    static synchronized void apply() {
        if (done) {
            return;
        }
        done = true;
        Libc.CLib libc = Libc.get();
        if (libc == null) {
            return;
        }
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            if (libc.getenv(e.getKey()) == null && libc.setenv(e.getKey(), e.getValue(), 0) == 0) {
                applied.put(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * The settings as libtorch saw them: each name with its value and who chose it (for
     * {@code bench} and a run's settings file).
     */
    public static synchronized Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        Libc.CLib libc = Libc.get();
        for (String name : DEFAULTS.keySet()) {
            String value = libc == null ? System.getenv(name) : libc.getenv(name);
            String who = applied.containsKey(name) ? " (this tool's default)" : value == null ? "" : " (set by the user)";
            out.put(name, (value == null ? "unset" : value) + who);
        }
        return out;
    }
}
