package kr.sbert.workbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;

/** The sentences {@code bench} encodes: a KorSTS TSV gives both sentence columns, any other file its lines. */
final class BenchInput {
    private static final String KORSTS_HEADER = "genre\tfilename\tyear\tid\tscore\tsentence1\tsentence2";

    private BenchInput() {
    }

    static List<String> read(Path file) throws InvalidInputException {
        List<String> lines = TextInputs.read(file);
        if (!lines.get(0).strip().equals(KORSTS_HEADER)) {
            return lines;
        }
        List<String> sentences = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length != 7) {
                throw new InvalidInputException(file + ":" + (i + 1) + ": expected 7 tab-separated columns, found "
                        + cols.length);
            }
            sentences.add(cols[5]);
            sentences.add(cols[6]);
        }
        return sentences;
    }
}
