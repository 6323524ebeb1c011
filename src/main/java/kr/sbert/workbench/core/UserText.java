package kr.sbert.workbench.core;

/**
 * Makes text from a file or a server safe to show in a one-line message: control characters
 * (C0, DEL, C1, line and paragraph separators, bidirectional overrides) become visible escapes
 * such as {@code \x1b} or {@code \u202e}, and the text is cut to a readable length. A terminal
 * escape sequence in a file name or a key is therefore shown, never executed by the terminal.
 */
public final class UserText {

    private UserText() {
    }

    /** A value quoted in a message: made visible and cut to {@link Limits#QUOTE_MAX_CHARS}. */
    public static String quote(Object value) {
        return show(String.valueOf(value), Limits.QUOTE_MAX_CHARS);
    }

    /** A whole message line: made visible and cut to {@link Limits#MESSAGE_MAX_CHARS}. */
    public static String line(String message) {
        return show(message, Limits.MESSAGE_MAX_CHARS);
    }

    /**
     * {@code text} with control characters escaped; when that is longer than {@code max}
     * characters it is cut so that, with the note saying how much is left, it still fits in {@code max}.
     */
    public static String show(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 16);
        int stop = escape(text, sb, max + 1);
        if (stop == text.length() && sb.length() <= max) {
            return sb.toString();
        }
        // room for "… (1234567890 more characters)" (at most 31) and one escape (at most 6)
        sb.setLength(0);
        stop = escape(text, sb, Math.max(1, max - 37));
        return sb.append("… (").append(text.length() - stop).append(" more characters)").toString();
    }

    /** Appends {@code text} made visible until {@code sb} holds {@code budget} chars; returns where it stopped. */
    private static int escape(String text, StringBuilder sb, int budget) {
        int i = 0;
        while (i < text.length() && sb.length() < budget) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
                sb.append(String.format("\\x%02x", cp));
            } else if (isInvisibleControl(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return i;
    }

    /**
     * The one line a user is shown for a failure, at the CLI and window edges: the project's
     * exceptions and option errors ({@link IllegalArgumentException}) as they are written for the
     * user; I/O failures by their message; anything else is a bug, said so without a Java class
     * name (the stack trace is for {@code --verbose} / the details pane). Always made visible and
     * cut ({@link #line}).
     */
    public static String of(Throwable e) {
        if (e instanceof DeferredFailure d) {
            return of(d.getCause());
        }
        String msg = e.getMessage();
        boolean forUser = e instanceof WorkbenchException
                || (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException));
        if (forUser && msg != null && !msg.isBlank()) {
            return line(msg);
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return line(msg + ": no such file");
        }
        if (e instanceof java.io.IOException && msg != null && !msg.isBlank()) {
            return line("input/output failed: " + msg);
        }
        if (e instanceof StackOverflowError) {
            return "internal error: an input nests too deeply for the workbench (run with --verbose and report it)";
        }
        if (e instanceof OutOfMemoryError) {
            return "internal error: out of memory (an input is larger than the workbench can hold;"
                    + " run with --verbose and report it)";
        }
        return "internal error (run with --verbose and report it)";
    }

    /**
     * Whether a code point changes how a terminal shows the text around it without being seen
     * itself: line and paragraph separators, bidirectional overrides and marks, a BOM, a lone
     * surrogate. (C0, DEL and C1 controls are the other characters {@link #show} escapes.)
     */
    public static boolean isInvisibleControl(int cp) {
        return cp == 0x2028 || cp == 0x2029 // line / paragraph separator
                || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) // bidi overrides
                || cp == 0x200e || cp == 0x200f || cp == 0x061c // direction marks
                || cp == 0xfeff || (cp >= 0xd800 && cp <= 0xdfff); // BOM, lone surrogates
    }
}
