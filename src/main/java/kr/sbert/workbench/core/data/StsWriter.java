package kr.sbert.workbench.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Saves pairs (the GUI's "save as" to a new layout), always UTF-8 without BOM, LF line ends,
 * atomically and never over a read-only file ({@link kr.sbert.workbench.core.io.UserFiles}); CSV
 * and simple TSV add the pairs' other columns ({@link SentencePair#attributes()}) after the score.
 * (Saving in the layout a file was read in is {@link StsRewriter}'s job.) Pairs without
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
        List<String> extra = layout == Layout.KORSTS_TSV ? List.of() : extraColumns(pairs);
        if (layout == Layout.SIMPLE_TSV) {
            for (SentencePair p : pairs) {
                for (String v : p.attributes().values()) {
                    if (hasTabOrBreak(v)) {
                        throw new InvalidInputException(file + ": the pair from line " + p.line()
                                + " has a column holding a tab or line break, which TSV cannot store; save as CSV");
                    }
                }
            }
        }
        java.io.StringWriter w = new java.io.StringWriter();
        try {
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
                    w.write("sentence1\tsentence2\tscore");
                    for (String k : extra) {
                        w.write("\t" + k);
                    }
                    w.write("\n");
                    for (SentencePair p : pairs) {
                        w.write(p.sentence1() + "\t" + p.sentence2() + "\t" + gold(p));
                        for (String k : extra) {
                            w.write("\t" + p.attributes().getOrDefault(k, ""));
                        }
                        w.write("\n");
                    }
                }
                case CSV -> {
                    try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                            .setRecordSeparator("\n").get())) {
                        List<String> header = new java.util.ArrayList<>(List.of("sentence1", "sentence2", "score"));
                        header.addAll(extra);
                        csv.printRecord(header);
                        for (SentencePair p : pairs) {
                            List<String> record = new java.util.ArrayList<>(List.of(p.sentence1(), p.sentence2(), gold(p)));
                            extra.forEach(k -> record.add(p.attributes().getOrDefault(k, "")));
                            csv.printRecord(record);
                        }
                    }
                }
                default -> throw new IllegalStateException("unhandled layout " + layout);
            }
            kr.sbert.workbench.core.io.UserFiles.writeAtomically(file, w.toString().getBytes(StandardCharsets.UTF_8));
        } catch (kr.sbert.workbench.core.io.UserFiles.NotWritableException e) {
            throw new InvalidInputException(file + ": " + e.getMessage() + " (save under a new name)", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** The pairs' other columns, in order of first appearance, less names the fixed columns take. */
    private static List<String> extraColumns(List<SentencePair> pairs) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        pairs.forEach(p -> keys.addAll(p.attributes().keySet()));
        keys.removeIf(k -> k.isBlank() || List.of("sentence1", "sentence2", "score").contains(k.toLowerCase(Locale.ROOT)));
        return List.copyOf(keys);
    }

    private static boolean hasTabOrBreak(String s) {
        return s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    }

    // Shortest text that reads back as the same double.
    private static String gold(SentencePair p) {
        return p.hasGold() ? Double.toString(p.gold()) : "";
    }
}
