package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The pairs a command works on, as a picocli mixin ({@code similarity}, {@code explain}): two
 * texts on the command line, or a {@code --pairs} file (with {@code --skip-bad-rows}).
 */
final class PairInputs {
    @Option(names = "--pairs", paramLabel = "FILE",
            description = "Pairs file: KorSTS TSV, KLUE-STS JSON, or CSV/TSV/JSONL with sentence1/sentence2 columns.")
    Path pairs;

    @Option(names = "--skip-bad-rows", description = "Skip malformed rows of --pairs (each is reported).")
    boolean skipBadRows;

    @Parameters(paramLabel = "TEXT", arity = "0..2", description = "The two texts (TEXT_A TEXT_B).")
    List<String> texts;

    /**
     * @param command the command's name, for the usage message
     * @throws IllegalArgumentException when neither or both are given (exit 2)
     */
    List<SentencePair> resolve(String command, PrintWriter err) throws WorkbenchException {
        boolean hasTexts = texts != null && !texts.isEmpty();
        if (pairs != null && hasTexts) {
            throw new IllegalArgumentException("give either two texts or --pairs FILE, not both");
        }
        if (pairs != null) {
            StsDataset d = StsReader.read(pairs, ReadOptions.defaults().withSkipBadRows(skipBadRows));
            d.skipped().forEach(s -> err.println("skipped " + pairs + ":" + s.line() + ": " + s.reason()));
            return d.pairs();
        }
        if (!hasTexts || texts.size() != 2) {
            throw new IllegalArgumentException(command + " needs two texts (TEXT_A TEXT_B) or --pairs FILE");
        }
        return List.of(new SentencePair(texts.get(0), texts.get(1), null, 0));
    }
}
