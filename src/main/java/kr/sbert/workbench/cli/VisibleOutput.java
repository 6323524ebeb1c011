package kr.sbert.workbench.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import kr.sbert.workbench.core.UserText;

/**
 * The one escaping path of standard output: every command's stdout goes through it, so a
 * control character that came from a file (a terminal escape, a bell, a bidirectional override
 * such as U+202E) is written as a visible escape, never obeyed by the terminal. C0 controls
 * other than line feed and tab become {@code \x1b}; DEL, C1 controls and the invisible
 * controls of {@link UserText#isInvisibleControl} become {@code \u202e} — also a valid JSON
 * escape of the same character, so {@code --json} output parses to the same values. Texts that
 * may hold line breaks are shown on one line where they are printed ({@link TextInputs#shownOnOneLine}).
 */
final class VisibleOutput extends FilterWriter {
    private char pendingHigh;

    private VisibleOutput(Writer out) {
        super(out);
    }

    /** {@code out} behind this filter (unchanged when it already is). */
    static PrintWriter wrap(PrintWriter out) {
        if (out instanceof Wrapped) {
            return out;
        }
        return new Wrapped(new VisibleOutput(out));
    }

    /** Marks a writer that already escapes. */
    private static final class Wrapped extends PrintWriter {
        Wrapped(Writer w) {
            super(w, true);
        }
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int run = off; // start of the chars passed through unchanged
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = buf[i];
            if (pendingHigh != 0) {
                char high = pendingHigh;
                pendingHigh = 0;
                if (Character.isLowSurrogate(c)) {
                    out.write(high);
                    out.write(c);
                    run = i + 1;
                    continue;
                }
                out.write(escape(high));
            }
            if (Character.isHighSurrogate(c)) {
                out.write(buf, run, i - run);
                if (i + 1 < end) {
                    if (Character.isLowSurrogate(buf[i + 1])) {
                        i++; // a whole pair: passes through with the run
                        out.write(buf, i - 1, 2);
                    } else {
                        out.write(escape(c));
                    }
                } else {
                    pendingHigh = c; // its low half may come with the next write
                }
                run = i + 1;
            } else if (needsEscape(c)) {
                out.write(buf, run, i - run);
                out.write(escape(c));
                run = i + 1;
            }
        }
        out.write(buf, run, end - run);
    }

    @Override
    public void flush() throws IOException {
        if (pendingHigh != 0) {
            out.write(escape(pendingHigh));
            pendingHigh = 0;
        }
        super.flush();
    }

    private static boolean needsEscape(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) || UserText.isInvisibleControl(c);
    }

    private static String escape(char c) {
        return c < 0x20 ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.format(Locale.ROOT, "\\u%04x", (int) c);
    }
}
