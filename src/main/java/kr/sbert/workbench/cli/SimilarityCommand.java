package kr.sbert.workbench.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.cache.CachingEmbedder;
import kr.sbert.workbench.core.cache.EmbeddingCache;
import kr.sbert.workbench.core.eval.EmbeddingPairScorer;
import kr.sbert.workbench.core.eval.PairScorer;
import kr.sbert.workbench.core.task.CancelToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code similarity}: cosine similarity of sentence pairs, as {@code util.cos_sim} gives it. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Cosine similarity of two texts, or of every pair in a file (as sentence-transformers'"
                + " util.cos_sim). Baselines (baseline:char-ngram, baseline:jaccard) work too.")
final class SimilarityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    PairInputs input;

    @Option(names = "--json", description = "One JSON object per pair: sentence1, sentence2, cosine.")
    boolean json;

    @Mixin
    CacheOption cache;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SentencePair> all = pairs();
        ModelOpener.warnIfNotNfc(all.stream().flatMap(p -> java.util.stream.Stream.of(p.sentence1(), p.sentence2()))
                .toList(), model.nfc, err);
        EmbeddingCache embeddingCache = cache.open();
        PairScorer scorer = ModelOpener.openScorer(model, embeddingCache, err);
        double[] cosines;
        try (ProgressBar bar = new ProgressBar(err, "sentences")) {
            cosines = scorer.score(all, bar, CancelToken.NONE);
        } finally {
            if (scorer instanceof AutoCloseable c) {
                c.close();
            }
        }
        if (scorer instanceof EmbeddingPairScorer eps && eps.embedder() instanceof CachingEmbedder c) {
            CacheOption.report(c, embeddingCache, err);
        }
        for (int i = 0; i < all.size(); i++) {
            SentencePair p = all.get(i);
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("sentence1", p.sentence1());
                o.addProperty("sentence2", p.sentence2());
                o.addProperty("cosine", cosines[i]);
                out.println(Json.compact(o));
            } else if (input.pairs == null) {
                out.printf(Locale.ROOT, "%.8f%n", cosines[i]);
            } else {
                out.printf(Locale.ROOT, "%.8f\t%s\t%s%n", cosines[i], p.sentence1(), p.sentence2());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<SentencePair> pairs() throws Exception {
        return input.resolve("similarity", spec.commandLine().getErr());
    }
}
