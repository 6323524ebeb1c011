package kr.sbert.workbench.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Validates rows while a reader walks a file: keeps good pairs, and for a bad row either
 * stops with {@code FILE:LINE: reason} or (skipping) records the line and reason.
 */
final class RowCollector {
    // A plain decimal number; Double.parseDouble alone would also take "NaN", "Infinity", "3f", "0x1p1".
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String source;
    private final boolean skipBadRows;
    private final List<SentencePair> pairs = new ArrayList<>();
    private final List<SkippedRow> skipped = new ArrayList<>();
    // Where each kept pair's record lies in the decoded text: [start, end) without its line end.
    private final List<int[]> spans = new ArrayList<>();
    private int spanStart = -1;
    private int spanEnd = -1;
    private String firstScoreText;

    RowCollector(String source, boolean skipBadRows) {
        this.source = source;
        this.skipBadRows = skipBadRows;
    }

    /**
     * Where the record about to be accepted or rejected lies in the decoded text, {@code [start,
     * end)} without its line end; kept beside the pair so a save can write an untouched row back
     * as it was ({@link StsSource}).
     */
    void span(int start, int end) {
        spanStart = start;
        spanEnd = end;
    }

    /** Stops the load, or records the row as skipped. */
    void reject(int line, String reason) throws InvalidInputException {
        if (!skipBadRows) {
            throw new InvalidInputException(where(line) + ": " + reason);
        }
        skipped.add(new SkippedRow(line, reason));
        spanStart = -1;
        spanEnd = -1;
    }

    /** An error about the file as a whole (never skippable). */
    InvalidInputException fileError(int line, String reason) {
        return new InvalidInputException((line > 0 ? where(line) : source) + ": " + reason);
    }

    /** {@code FILE:LINE}, or {@code pasted line N} for text pasted into the window. */
    private String where(int line) {
        return source.equals(PastedText.SOURCE) ? source + " line " + line : source + ":" + line;
    }

    /**
     * Checks and keeps one row.
     *
     * @param scoreText the gold as written, or {@code null}/blank for no gold (when allowed)
     * @param range     the allowed gold range
     */
    void accept(int line, String s1, String s2, String scoreText, GoldRange range) throws InvalidInputException {
        accept(line, s1, s2, scoreText, range, java.util.Map.of());
    }

    /** As {@link #accept(int, String, String, String, GoldRange)}, keeping the row's other columns. */
    void accept(int line, String s1, String s2, String scoreText, GoldRange range,
                java.util.Map<String, String> attributes) throws InvalidInputException {
        if (s1 == null || s1.isBlank()) {
            reject(line, "empty sentence1");
            return;
        }
        if (s2 == null || s2.isBlank()) {
            reject(line, "empty sentence2");
            return;
        }
        Double gold = null;
        if (scoreText == null || scoreText.isBlank()) {
            if (range.required()) {
                reject(line, "missing score");
                return;
            }
        } else {
            String t = scoreText.trim();
            if (!DECIMAL.matcher(t).matches()) {
                reject(line, "score '" + shorten(t) + "' is not a number");
                return;
            }
            gold = Double.parseDouble(t);
            if (!Double.isFinite(gold)) {
                reject(line, "score '" + shorten(t) + "' is not finite");
                return;
            }
            if (gold < range.min() || gold > range.max()) {
                reject(line, "score " + t + " is outside " + range.describe());
                return;
            }
        }
        if (gold != null && firstScoreText == null) {
            firstScoreText = scoreText.trim();
        }
        pairs.add(new SentencePair(s1, s2, gold, line, attributes));
        spans.add(new int[] {spanStart, spanEnd});
        spanStart = -1;
        spanEnd = -1;
    }

    /** The record span of each kept pair ({@code -1} when the parser gave none). */
    List<int[]> spans() {
        return spans;
    }

    /** The first gold as the file spells it ({@code 5.000}), or null: how a save spells new gold. */
    String firstScoreText() {
        return firstScoreText;
    }

    List<SentencePair> pairs() {
        return pairs;
    }

    List<SkippedRow> skipped() {
        return skipped;
    }

    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** The gold values a format allows. */
    record GoldRange(double min, double max, boolean required) {
        static final GoldRange ZERO_TO_FIVE = new GoldRange(0, 5, true);
        static final GoldRange ZERO_TO_ONE = new GoldRange(0, 1, true);

        GoldRange optional() {
            return new GoldRange(min, max, false);
        }

        String describe() {
            return "[" + fmt(min) + ", " + fmt(max) + "]";
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
