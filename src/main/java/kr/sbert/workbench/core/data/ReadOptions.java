package kr.sbert.workbench.core.data;

import java.util.Objects;

/**
 * How to read an STS file.
 *
 * @param format      the layout, or {@code null} to detect it from the extension and content
 * @param goldField   which KLUE-STS label is the gold (ignored for other formats)
 * @param skipBadRows leave malformed rows out (recording each) instead of stopping at the first
 */
public record ReadOptions(StsFormat format, GoldField goldField, boolean skipBadRows) {

    public ReadOptions {
        Objects.requireNonNull(goldField, "goldField");
    }

    /** Detect the format, KLUE gold {@code label}, stop at the first bad row. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, GoldField.LABEL, false);
    }

    public ReadOptions withFormat(StsFormat f) {
        return new ReadOptions(f, goldField, skipBadRows);
    }

    public ReadOptions withGoldField(GoldField g) {
        return new ReadOptions(format, g, skipBadRows);
    }

    public ReadOptions withSkipBadRows(boolean skip) {
        return new ReadOptions(format, goldField, skip);
    }
}
