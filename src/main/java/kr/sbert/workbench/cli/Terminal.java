package kr.sbert.workbench.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Whether the process's stderr is a terminal ({@code isatty(2)} through JNA). Only then does a
 * progress bar redraw itself with a carriage return and an erase-line escape: in a log file or a
 * pipe those would be raw control characters. {@code KR_SBERT_WORKBENCH_PROGRESS=always|never}
 * decides instead.
 */
final class Terminal {
    interface CLibrary extends Library {
        int isatty(int fd);
    }

    private static final boolean STDERR = decide(System.getenv("KR_SBERT_WORKBENCH_PROGRESS"));

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        return STDERR;
    }

    static boolean decide(String setting) {
        if ("always".equals(setting)) {
            return true;
        }
        if ("never".equals(setting) || Platform.isWindows()) {
            return false;
        }
        try {
            return Native.load("c", CLibrary.class).isatty(2) == 1;
        } catch (Throwable e) { // no JNA native part here: no bar, never a failure
            return false;
        }
    }
}
