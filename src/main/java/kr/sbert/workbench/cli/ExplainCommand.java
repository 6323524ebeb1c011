package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.explain.PairExplainer;
import kr.sbert.workbench.core.explain.PairExplanation;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TokenEmbeddings;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.text.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code explain}: why a pair scores as it does — each token's share of the cosine (the shares
 * of each side sum to it) and each token's best match in the other sentence.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Each token's exact share of a pair's cosine (each side's shares sum to it) and its best"
                + " match in the other sentence, for every model given.",
            "Tokens are those fed to the model, with [CLS]/[SEP]; shares are exact for cls, max, mean,"
                + " mean_sqrt_len_tokens, weightedmean, lasttoken and their concatenations."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Model folder or hub id (org/name[@revision]); repeatable.")
    List<String> models;

    @Mixin
    PairInputs input;

    @Option(names = "--json", description = "One JSON object per model and pair: model, pooling, cosine, a and b"
            + " (text, tokens, input_ids, shares, best_match), token_similarity (rows: a's tokens, columns: b's).")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "Threads torch may use (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--nfc", description = "Normalise input to Unicode NFC before tokenizing.")
    boolean nfc;

    @Mixin
    InputChoices choices = new InputChoices();


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ModelOptions> options = new ArrayList<>();
        for (String m : models) {
            ModelOptions o = new ModelOptions();
            o.model = m;
            o.threads = threads;
            o.batchSize = batchSize;
            o.nfc = nfc;
            o.choices = choices;
            o.check();
            options.add(o);
        }
        ModelOpener.checkTokenModels(models, "explain"); // every model, before any prints a line
        for (ModelOptions o : options) {
            // a Dense head has no exact token split: said before any model prints a line
            String noShares = PairExplainer.whyNoTokenShares(SentenceTransformerModel.describe(
                    ModelOpener.resolveFolder(o.model, err), SentenceTransformerModel.Options.DEFAULT).info());
            if (noShares != null) {
                throw new IllegalArgumentException("--model " + o.model + ": " + noShares);
            }
        }
        List<SentencePair> all = input.resolve("explain", err);
        ModelOpener.warnIfNotNfc(all.stream().flatMap(p -> java.util.stream.Stream.of(p.sentence1(), p.sentence2()))
                .toList(), nfc, err);
        for (ModelOptions o : options) {
            try (SentenceTransformerModel model = ModelOpener.openModel(o, err)) {
                // a batch of pairs at a time: what is printed is let go (6,000 pairs held whole took 6.2 GB)
                PairExplainer.explainEach(model, all, Limits.EXPLAIN_PAIRS_HELD, CancelToken.NONE,
                        e -> out.println(json ? Json.compact(toJson(e)) : toText(e)));
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    static JsonObject toJson(PairExplanation e) {
        JsonObject o = new JsonObject();
        o.addProperty("model", e.model());
        o.addProperty("pooling", e.poolingLabel());
        o.addProperty("cosine", e.cosine());
        o.add("a", side(e.a(), e.shares().a(), e.alignment().bestForA()));
        o.add("b", side(e.b(), e.shares().b(), e.alignment().bestForB()));
        JsonArray matrix = new JsonArray();
        for (double[] row : e.alignment().similarity()) {
            JsonArray r = new JsonArray();
            for (double v : row) {
                r.add(v);
            }
            matrix.add(r);
        }
        o.add("token_similarity", matrix);
        return o;
    }

    private static JsonObject side(TokenEmbeddings t, double[] shares, int[] best) {
        JsonObject o = new JsonObject();
        o.addProperty("text", t.encoding().text());
        JsonArray tokens = new JsonArray();
        fed(t).forEach(k -> tokens.add(k.piece()));
        o.add("tokens", tokens);
        JsonArray ids = new JsonArray();
        for (long id : t.encoding().inputIds()) {
            ids.add(id);
        }
        o.add("input_ids", ids);
        JsonArray s = new JsonArray();
        for (double v : shares) {
            s.add(v);
        }
        o.add("shares", s);
        JsonArray b = new JsonArray();
        for (int v : best) {
            b.add(v);
        }
        o.add("best_match", b);
        return o;
    }

    static List<Token> fed(TokenEmbeddings t) {
        return t.fedTokens();
    }

    private static String toText(PairExplanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%s): cosine %.8f%n", e.model(), e.poolingLabel(), e.cosine()));
        List<Token> a = fed(e.a());
        List<Token> b = fed(e.b());
        appendSide(sb, "a", e.a(), a, e.shares().a(), e.alignment().bestForA(), b, e.alignment().similarity(), true);
        appendSide(sb, "b", e.b(), b, e.shares().b(), e.alignment().bestForB(), a, e.alignment().similarity(), false);
        return sb.toString().stripTrailing();
    }

    private static void appendSide(StringBuilder sb, String name, TokenEmbeddings t, List<Token> tokens, double[] shares,
                                   int[] best, List<Token> other, double[][] similarity, boolean rows) {
        sb.append("  ").append(name).append(": ").append(TextInputs.shownOnOneLine(t.encoding().text())).append('\n');
        int width = tokens.stream().mapToInt(k -> k.piece().length()).max().orElse(0);
        for (int i = 0; i < tokens.size(); i++) {
            String piece = tokens.get(i).piece();
            double match = rows ? similarity[i][best[i]] : similarity[best[i]][i];
            sb.append(String.format(Locale.ROOT, "    %s%s  share %+.6f  best match %s (%.4f)%n", piece,
                    " ".repeat(width - piece.length()), shares[i], other.get(best[i]).piece(), match));
        }
    }
}
