package kr.sbert.workbench.core.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few glibc functions the workbench calls through JNA: the heap's ({@link NativeHeap}) and
 * the environment's ({@link NativeEnvironment}). Loaded once; {@link #get()} is null off Linux or
 * where JNA cannot reach libc.
 */
final class Libc {

    /** The functions used. */
    interface CLib extends Library {
        int malloc_trim(long pad);

        int mallopt(int param, int value);

        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    private static final CLib LIBC = load();

    private Libc() {
    }

    /** libc, or null where it cannot be reached. */
    static CLib get() {
        return LIBC;
    }

    private static CLib load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            return Native.load("c", CLib.class);
        } catch (Throwable e) { // UnsatisfiedLinkError, or JNA's native stub cannot load
            return null;
        }
    }
}
