package kr.sbert.workbench.gui.service;

import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.data.SentencePair;

/**
 * Pairs read from a file.
 *
 * @param file     where they came from
 * @param pairs    the pairs, in file order
 * @param encoding the detected character encoding, e.g. {@code CP949}
 * @param format   the detected format, e.g. {@code KorSTS TSV}
 * @param notes    skipped rows and other things the user should know
 * @param source   the file as read, so a save can keep its layout and columns; null for data
 *                 not from a file the user chose (the sample)
 */
public record PairFile(Path file, List<SentencePair> pairs, String encoding, String format, List<String> notes,
                       kr.sbert.workbench.core.data.StsSource source) {

    /** Pairs with no source to save back into. */
    public PairFile(Path file, List<SentencePair> pairs, String encoding, String format, List<String> notes) {
        this(file, pairs, encoding, format, notes, null);
    }
}
