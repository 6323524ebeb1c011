package kr.sbert.workbench.core.data;

import java.util.Arrays;

/** Maps a character offset in a text to its 1-based line number. */
final class LineIndex {
    private final int[] newlines;

    LineIndex(String text) {
        int[] found = new int[64];
        int n = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
            }
            found[n++] = i;
        }
        newlines = Arrays.copyOf(found, n);
    }

    /** 1-based line holding the character at {@code offset}. */
    int lineOf(long offset) {
        int pos = Arrays.binarySearch(newlines, (int) Math.min(offset, Integer.MAX_VALUE));
        // Found: the offset is a '\n', which belongs to the line it ends.
        return pos >= 0 ? pos + 1 : -pos;
    }
}
