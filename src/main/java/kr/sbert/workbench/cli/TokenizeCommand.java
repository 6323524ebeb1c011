package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tokenize}: how the model's vocabulary splits each text into WordPiece tokens. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Show the WordPiece tokens and ids a model's tokenizer makes of each text."
                + " Works on a folder that holds only tokenizer files.")
final class TokenizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--json", description = "One JSON object per text: text, tokens (WordPiece pieces, untruncated,"
            + " no [CLS]/[SEP]), input_ids (as fed to the model: with [CLS]/[SEP], truncated), offsets ([start, end)"
            + " of each token in code points of text, as Python indexes it), truncated.")
    boolean json;

    @Mixin
    TextSourceOptions source;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = source.resolve();
        ModelOpener.warnIfNotNfc(all, model.nfc, err);
        try (TextTokenizer tokenizer = ModelOpener.openTokenizer(model, err)) {
            // a text of millions of pieces is listed only that far (Limits.TOKENIZE_MAX_PIECES), with a warning
            List<Encoding> encodings = tokenizer.encodeAll(all, Limits.TOKENIZE_MAX_PIECES);
            for (int i = 0; i < encodings.size(); i++) {
                if (encodings.get(i).wordTokens().size() >= Limits.TOKENIZE_MAX_PIECES) {
                    err.println("warning: text " + (i + 1) + " has more than " + Limits.TOKENIZE_MAX_PIECES
                            + " pieces; only the first " + Limits.TOKENIZE_MAX_PIECES + " are listed");
                }
            }
            for (Encoding e : encodings) {
                out.println(json ? Json.compact(toJson(e)) : toText(e, tokenizer.maxSeqLength()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static JsonObject toJson(Encoding e) {
        JsonObject o = new JsonObject();
        o.addProperty("text", e.text());
        JsonArray tokens = new JsonArray();
        JsonArray offsets = new JsonArray();
        CodePoints cp = new CodePoints(e.text());
        for (Token t : e.wordTokens()) {
            tokens.add(t.piece());
            // Token offsets are Java char indices; JSON readers (Python, HF's offset_mapping) count code points.
            if (t.start() < 0) {
                offsets.add(com.google.gson.JsonNull.INSTANCE); // a piece with no span in the text
                continue;
            }
            JsonArray span = new JsonArray();
            span.add(cp.at(t.start()));
            span.add(cp.at(t.end()));
            offsets.add(span);
        }
        o.add("tokens", tokens);
        JsonArray ids = new JsonArray();
        for (long id : e.inputIds()) {
            ids.add(id);
        }
        o.add("input_ids", ids);
        o.add("offsets", offsets);
        o.addProperty("truncated", e.truncated());
        return o;
    }

    /**
     * Char index → code point index, counted on from the previous query: tokens come in text
     * order, so one text costs linear time (counting from 0 per token was quadratic: a 400 KB line
     * took seconds, a 20 MB one minutes).
     */
    private static final class CodePoints {
        private final String text;
        private int charPos;
        private int cpPos;

        CodePoints(String text) {
            this.text = text;
        }

        int at(int charIndex) {
            if (charIndex < charPos) {
                charPos = 0;
                cpPos = 0;
            }
            cpPos += text.codePointCount(charPos, charIndex);
            charPos = charIndex;
            return cpPos;
        }
    }

    private static String toText(Encoding e, int maxSeqLength) {
        StringBuilder sb = new StringBuilder();
        sb.append(TextInputs.shownOnOneLine(e.text())).append('\n');
        List<Token> words = e.wordTokens();
        sb.append("  tokens (").append(words.size()).append("): ");
        sb.append(String.join(" ", words.stream().map(Token::piece).toList())).append('\n');
        sb.append("  input_ids (").append(e.inputIds().length).append("): ");
        for (int i = 0; i < e.inputIds().length; i++) {
            sb.append(i == 0 ? "" : " ").append(e.inputIds()[i]);
        }
        if (e.truncated()) {
            sb.append("\n  truncated to max_seq_length ").append(maxSeqLength);
        }
        return sb.toString();
    }
}
