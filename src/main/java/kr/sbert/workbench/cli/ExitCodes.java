package kr.sbert.workbench.cli;

/** Exit codes of every command, listed in {@code --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected internal error (a bug: run with --verbose and report it). */
    public static final int INTERNAL = 1;
    /** Wrong options or arguments. */
    public static final int USAGE = 2;
    /** An input file (texts, pairs, data set) is missing or malformed. */
    public static final int BAD_INPUT = 3;
    /** A model folder or weight file cannot be used. */
    public static final int BAD_MODEL = 4;
    /** The model hub or the network failed (not found, no access, offline). */
    public static final int HUB = 5;
    /** Interrupted or cancelled. */
    public static final int CANCELLED = 130;

    /** The exit code table shown by every command's {@code --help}. */
    static java.util.Map<String, String> help() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(String.valueOf(OK), "Success");
        m.put(String.valueOf(INTERNAL), "Internal error (run with --verbose and report it)");
        m.put(String.valueOf(USAGE), "Invalid options or arguments");
        m.put(String.valueOf(BAD_INPUT), "Input file missing or malformed");
        m.put(String.valueOf(BAD_MODEL), "Model folder or weights unusable");
        m.put(String.valueOf(HUB), "Model hub or network failure");
        m.put(String.valueOf(CANCELLED), "Cancelled");
        return m;
    }

    private ExitCodes() {
    }
}
