package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.task.CancelToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embed}: sentence embeddings as {@code SentenceTransformer.encode} computes them. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Compute sentence embeddings (as SentenceTransformer.encode; no normalisation"
                + " unless the model lists a Normalize module).")
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--json", description = "One JSON object per text: text, embedding.")
    boolean json;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Read texts from FILE (.jsonl: {\"text\": ...} per line; else one text per line).")
    Path input;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to embed.")
    List<String> texts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = TextInputs.resolve(input, texts);
        ModelOpener.warnIfNotNfc(all, model.nfc, err);
        float[][] embeddings;
        try (SentenceTransformerModel m = ModelOpener.openModel(model, err);
             ProgressBar bar = new ProgressBar(err, "sentences")) {
            embeddings = m.encode(all, bar, CancelToken.NONE);
        }
        for (int i = 0; i < all.size(); i++) {
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("text", all.get(i));
                JsonArray values = new JsonArray();
                for (float v : embeddings[i]) {
                    values.add(v);
                }
                o.add("embedding", values);
                out.println(Json.compact(o));
            } else {
                out.println(all.get(i));
                StringBuilder sb = new StringBuilder("  ");
                for (int d = 0; d < embeddings[i].length; d++) {
                    sb.append(d == 0 ? "" : " ").append(embeddings[i][d]);
                }
                out.println(sb);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
