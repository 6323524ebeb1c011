package kr.sbert.workbench.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pairs file as it was read: its text, format and encoding, and where each pair's record lies
 * in the text. {@link StsRewriter} uses it to save edited pairs in the file's own layout — every
 * column kept, untouched records written back character for character.
 *
 * <p>Record {@code i} is the {@code i}-th pair of the data set read with it.
 */
public final class StsSource {
    private final Path file;
    private final StsFormat format;
    private final TextEncoding encoding;
    private final GoldField goldField;
    private final String text;
    private final List<SentencePair> originals;
    private final List<int[]> spans;
    private final String goldExample;

    StsSource(Path file, StsFormat format, TextEncoding encoding, GoldField goldField, String text,
              List<SentencePair> originals, List<int[]> spans, String goldExample) {
        if (originals.size() != spans.size()) {
            throw new IllegalArgumentException("originals.size()=" + originals.size() + " != spans.size()=" + spans.size());
        }
        this.file = file;
        this.format = format;
        this.encoding = encoding;
        this.goldField = goldField;
        this.text = text;
        this.originals = List.copyOf(originals);
        this.spans = new ArrayList<>(spans);
        this.goldExample = goldExample;
    }

    /** A data set and the source it was read from. */
    public record Loaded(StsDataset dataset, StsSource source) {
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    public StsFormat format() {
        return format;
    }

    public TextEncoding encoding() {
        return encoding;
    }

    /** The KLUE label that was read as the gold (and is written when gold is edited). */
    public GoldField goldField() {
        return goldField;
    }

    /** Number of records (pairs read). */
    public int size() {
        return originals.size();
    }

    /** Record {@code i} as it was read. */
    public SentencePair original(int i) {
        return originals.get(i);
    }

    /** Whether record {@code i}'s characters are known (every reader gives them). */
    boolean hasRaw(int i) {
        return spans.get(i)[0] >= 0 && spans.get(i)[1] >= spans.get(i)[0];
    }

    /** Record {@code i}'s characters, without its line end. */
    String raw(int i) {
        int[] s = spans.get(i);
        return text.substring(s[0], s[1]);
    }

    /** The text before the first record (header line, the array's opening). */
    String head() {
        if (spans.isEmpty() || !hasRaw(0)) {
            return text;
        }
        return text.substring(0, spans.get(0)[0]);
    }

    /** The text after the last record (the final line end, if any; the array's closing). */
    String tail() {
        if (spans.isEmpty() || !hasRaw(spans.size() - 1)) {
            return "";
        }
        return text.substring(spans.get(spans.size() - 1)[1]);
    }

    /** The first record's separator from the second, or a guess from the file when there is one record. */
    String separator() {
        if (spans.size() >= 2 && hasRaw(0) && hasRaw(1)) {
            String between = text.substring(spans.get(0)[1], spans.get(1)[0]);
            if (format == StsFormat.KLUE_JSON) {
                return between;
            }
            // Line formats: one line end (empty lines and skipped rows between are not kept).
            return between.startsWith("\r\n") ? "\r\n" : "\n";
        }
        if (format == StsFormat.KLUE_JSON) {
            String head = head();
            int bracket = head.lastIndexOf('[');
            return "," + (bracket >= 0 ? head.substring(bracket + 1) : "\n");
        }
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** A gold value as the file spells it (e.g. {@code 5.000}), or null when it has none. */
    String goldExample() {
        return goldExample;
    }
}
