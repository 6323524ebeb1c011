package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;

/** The pairs a command works on: two texts on the command line, or a {@code --pairs} file. */
final class PairInputs {

    private PairInputs() {
    }

    /**
     * @param command the command's name, for the usage message
     * @throws IllegalArgumentException when neither or both are given (exit 2)
     */
    static List<SentencePair> resolve(String command, Path file, List<String> texts, boolean skipBadRows,
                                      PrintWriter err) throws WorkbenchException {
        boolean hasTexts = texts != null && !texts.isEmpty();
        if (file != null && hasTexts) {
            throw new IllegalArgumentException("give either two texts or --pairs FILE, not both");
        }
        if (file != null) {
            StsDataset d = StsReader.read(file, ReadOptions.defaults().withSkipBadRows(skipBadRows));
            d.skipped().forEach(s -> err.println("skipped " + file + ":" + s.line() + ": " + s.reason()));
            return d.pairs();
        }
        if (!hasTexts || texts.size() != 2) {
            throw new IllegalArgumentException(command + " needs two texts (TEXT_A TEXT_B) or --pairs FILE");
        }
        return List.of(new SentencePair(texts.get(0), texts.get(1), null, 0));
    }
}
