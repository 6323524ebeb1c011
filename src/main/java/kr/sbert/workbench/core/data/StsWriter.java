package kr.sbert.workbench.core.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Saves pairs (the GUI's "save as"), always UTF-8 without BOM, LF line ends. Pairs without
 * gold get an empty score (CSV, simple TSV) or are refused (KorSTS TSV, where a score is required). TSV layouts cannot hold tabs or line breaks inside a sentence
 * (quoting is off, as KorSTS has it): such a sentence is refused rather than silently changed.
 */
public final class StsWriter {

    /** Output layouts. */
    public enum Layout {
        /** KorSTS's 7 columns; genre/filename/year are left empty, id is the 1-based pair number. */
        KORSTS_TSV,
        /** {@code sentence1<TAB>sentence2<TAB>score}. */
        SIMPLE_TSV,
        /** {@code sentence1,sentence2,score}, RFC 4180 quoting. */
        CSV
    }

    private StsWriter() {
    }

    public static void write(Path file, List<SentencePair> pairs, Layout layout) throws InvalidInputException {
        if (layout == Layout.KORSTS_TSV) {
            for (SentencePair p : pairs) {
                if (!p.hasGold()) {
                    throw new InvalidInputException(file + ": the pair from line " + p.line()
                            + " has no gold score, which every KorSTS row needs; save as CSV or simple TSV");
                }
            }
        }
        if (layout != Layout.CSV) {
            for (SentencePair p : pairs) {
                if (hasTabOrBreak(p.sentence1()) || hasTabOrBreak(p.sentence2())) {
                    throw new InvalidInputException(file + ": the pair from line " + p.line()
                            + " holds a tab or line break, which TSV cannot store; save as CSV");
                }
            }
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (layout) {
                case KORSTS_TSV -> {
                    w.write(String.join("\t", KorStsTsvParser.HEADER) + "\n");
                    int id = 0;
                    for (SentencePair p : pairs) {
                        id++;
                        w.write("\t\t\t" + String.format(Locale.ROOT, "%04d", id) + "\t" + gold(p) + "\t"
                                + p.sentence1() + "\t" + p.sentence2() + "\n");
                    }
                }
                case SIMPLE_TSV -> {
                    w.write("sentence1\tsentence2\tscore\n");
                    for (SentencePair p : pairs) {
                        w.write(p.sentence1() + "\t" + p.sentence2() + "\t" + gold(p) + "\n");
                    }
                }
                case CSV -> {
                    try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                            .setRecordSeparator("\n").get())) {
                        csv.printRecord("sentence1", "sentence2", "score");
                        for (SentencePair p : pairs) {
                            csv.printRecord(p.sentence1(), p.sentence2(), gold(p));
                        }
                    }
                }
                default -> throw new IllegalStateException("unhandled layout " + layout);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hasTabOrBreak(String s) {
        return s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    // Shortest text that reads back as the same double.
    private static String gold(SentencePair p) {
        return p.hasGold() ? Double.toString(p.gold()) : "";
    }
}
