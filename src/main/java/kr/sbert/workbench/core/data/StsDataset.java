package kr.sbert.workbench.core.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An STS data set as loaded from a file: the pairs in file order plus what the reader found
 * out about the file and every row it left out.
 *
 * @param source    the file read
 * @param format    its layout
 * @param encoding  its detected character encoding
 * @param goldScale the scale of its gold values (decides the binary view)
 * @param pairs     the rows read, in file order
 * @param skipped   rows left out because they were malformed (empty unless skipBadRows)
 */
public record StsDataset(Path source, StsFormat format, TextEncoding encoding, GoldScale goldScale,
                         List<SentencePair> pairs, List<SkippedRow> skipped) {

    public StsDataset {
        pairs = List.copyOf(pairs);
        skipped = List.copyOf(skipped);
    }

    /** Number of pairs carrying a gold score. */
    public long goldCount() {
        return pairs.stream().filter(SentencePair::hasGold).count();
    }
}
