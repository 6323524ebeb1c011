package kr.sbert.workbench.cli;

import java.nio.file.Path;
import java.util.List;
import kr.sbert.workbench.core.InvalidInputException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where a command's texts come from: {@code --input FILE} or the command line. */
final class TextSourceOptions {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Read texts from FILE (.jsonl: {\"text\": ...} per line; else one text per line).")
    Path input;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to work on.")
    List<String> texts;

    boolean hasAny() {
        return input != null || (texts != null && !texts.isEmpty());
    }

    /** The texts, read from the file or taken from the arguments (see {@link TextInputs}). */
    List<String> resolve() throws InvalidInputException {
        return TextInputs.resolve(input, texts);
    }
}
