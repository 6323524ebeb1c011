package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.data.EmbeddingWriter;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.cache.CachingEmbedder;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.model.SentenceEmbedder;
import kr.sbert.workbench.core.task.CancelToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--data", paramLabel = "FILE",
            description = "Embed a pairs data set (any format eval reads): rows 2i and 2i+1 are pair i's"
                    + " sentence1 and sentence2; each distinct sentence is encoded once.")
    Path data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the embeddings to FILE: .npy (float32, NumPy) or .csv (one row per text).")
    Path out;

    @Mixin
    TextSourceOptions source;

    @Mixin
    CacheOption cache;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (data != null && source.hasAny()) {
            throw new IllegalArgumentException("give texts, --input or --data, not several");
        }
        boolean npyOut = out != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (out != null && !npyOut && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new IllegalArgumentException(out + ": --out must end in .npy or .csv");
        }
        Path outFolder = out == null ? null : out.toAbsolutePath().getParent();
        if (outFolder != null && !Files.isDirectory(outFolder)) {
            // Found out before the model runs, not after minutes of encoding.
            throw new InvalidInputException(out + ": cannot write, folder " + outFolder + " does not exist");
        }
        List<String> all = data != null ? pairSentences(err) : source.resolve();
        ModelOpener.warnIfNotNfc(all, model.nfc, err);
        float[][] embeddings;
        EmbeddingCache embeddingCache = cache.open();
        try (SentenceEmbedder m = ModelOpener.openEmbedder(model, embeddingCache, err)) {
            try (ProgressBar bar = new ProgressBar(err, "sentences")) {
                embeddings = encodeDistinct(m, all, bar);
            }
            if (m instanceof CachingEmbedder c) {
                CacheOption.report(c, embeddingCache, err);
            }
        }
        if (out != null) {
            if (npyOut) {
                EmbeddingWriter.writeNpy(out, embeddings);
            } else {
                EmbeddingWriter.writeCsv(out, embeddings);
            }
            stdout.printf(Locale.ROOT, "%s: %d embeddings of %d values%n", out, embeddings.length,
                    embeddings.length == 0 ? 0 : embeddings[0].length);
            stdout.flush();
            return ExitCodes.OK;
        }
        PrintWriter out = stdout;
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
                out.println(TextInputs.shownOnOneLine(all.get(i)));
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

    private List<String> pairSentences(PrintWriter err) throws Exception {
        StsDataset d = StsReader.read(data, ReadOptions.defaults());
        List<String> sentences = new ArrayList<>(2 * d.pairs().size());
        for (SentencePair p : d.pairs()) {
            sentences.add(p.sentence1());
            sentences.add(p.sentence2());
        }
        err.printf(Locale.ROOT, "data: %s (%s): %d pairs -> %d rows%n", data, d.encoding().label(),
                d.pairs().size(), sentences.size());
        return sentences;
    }

    /** Encodes each distinct text once (data sets repeat sentences) and fans the results out. */
    private static float[][] encodeDistinct(SentenceEmbedder m, List<String> texts, ProgressBar bar)
            throws Exception {
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        int[] rows = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            rows[i] = rowOf.computeIfAbsent(texts.get(i), t -> rowOf.size());
        }
        float[][] distinct = m.encode(new ArrayList<>(rowOf.keySet()), bar, CancelToken.NONE);
        float[][] result = new float[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            result[i] = distinct[rows[i]];
        }
        return result;
    }
}
