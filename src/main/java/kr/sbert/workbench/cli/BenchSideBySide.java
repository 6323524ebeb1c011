package kr.sbert.workbench.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.ModelFolder;
import kr.sbert.workbench.core.model.ModelInfo;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.profile.OpProfile;
import kr.sbert.workbench.core.model.profile.OpProfiler;
import kr.sbert.workbench.core.model.torchscript.TorchScriptBert;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;

/**
 * {@code bench --reference torchscript}: the same model as a TorchScript archive of HF's graph
 * (what {@code torch.jit.trace} of {@code BertModel} records) run through DJL on the same
 * libtorch, timed beside the workbench's encoder on the same sentences in the same
 * {@code --batch-size} batches, alternately (each round of batches goes first to one, then to
 * the other, swapping every round), so a busy machine slows both alike. The encoder is handed a
 * round at a time, as it is handed any input, and may run its batches together; the trace takes
 * one batch per call. Both include the pooling; neither includes tokenizing.
 */
final class BenchSideBySide {
    /** Batches each side runs before timing starts (the graph executor specialises on the first calls). */
    static final int WARM_UP_BATCHES = 3;

    /**
     * @param encoderSentencesPerS the workbench's speed over the timed batches
     * @param referenceSentencesPerS the TorchScript graph's speed over the same batches
     * @param encoderCpuS process CPU time (all threads) while the encoder ran; on a busy machine
     *                    a steadier measure of work than wall time
     * @param referenceCpuS the same for the reference
     * @param maxAbsDifference largest |difference| of any embedding value, or NaN when not compared
     * @param comparedWhy why the embeddings were not compared, or ""
     * @param referenceProfile where the reference spent its time, or null
     */
    record Result(double encoderSentencesPerS, double referenceSentencesPerS, double encoderCpuS,
                  double referenceCpuS, double maxAbsDifference,
                  String comparedWhy, OpProfile referenceProfile) {
        double ratio() {
            return encoderSentencesPerS / referenceSentencesPerS;
        }
    }

    private BenchSideBySide() {
    }

    static Result run(SentenceTransformerModel model, Path folder, List<long[]> ids, int batchSize, boolean profile,
                      PrintWriter err) throws Exception {
        ModelFolder layout = ModelFolder.read(folder);
        BertConfig config = layout.requireBertConfig();
        ModelInfo info = model.info();
        boolean cls = info.pooling().equals(List.of("cls"));
        boolean comparable = info.dense().isEmpty() && (cls || info.pooling().equals(List.of("mean")));
        Path dir = Files.createTempDirectory("kr-sbert-reference");
        Path pt = dir.resolve("reference.pt");
        try {
            err.println("writing the TorchScript reference (HF's traced graph, the same weights) to " + pt);
            err.flush();
            TorchScriptBert.write(pt, config, kr.sbert.workbench.core.model.weights.WeightFiles.read(
                    kr.sbert.workbench.core.model.weights.WeightFiles.choose(layout.transformerDir())));
            try (TorchScriptBert reference = TorchScriptBert.load(pt)) {
                Files.deleteIfExists(pt); // loaded: the half-gigabyte file is not needed any more
                long pad = model.tokenizer().padId();
                List<List<long[]>> batches = batches(ids, batchSize);
                for (int i = 0; i < Math.min(WARM_UP_BATCHES, batches.size()); i++) {
                    model.encodeTokenized(batches.get(i), ProgressListener.NONE, CancelToken.NONE);
                    reference.encode(batches.get(i), pad, cls, info.normalize());
                }
                long ours = 0;
                long theirs = 0;
                long oursCpu = 0;
                long theirsCpu = 0;
                double maxDiff = 0;
                try (ProgressBar bar = new ProgressBar(err, "sentences side by side")) {
                    int done = 0;
                    List<List<List<long[]>>> rounds = rounds(batches);
                    for (int i = 0; i < rounds.size(); i++) {
                        List<List<long[]>> round = rounds.get(i);
                        List<long[]> texts = round.stream().flatMap(List::stream).toList();
                        float[][] a = null;
                        List<float[]> b = new ArrayList<>();
                        for (int turn = 0; turn < 2; turn++) {
                            boolean oursNow = (turn == 0) == (i % 2 == 0);
                            long t0 = System.nanoTime();
                            long c0 = processCpuNanos();
                            if (oursNow) {
                                // the encoder takes the round's batches in one call, as it takes any input
                                a = model.encodeTokenized(texts, ProgressListener.NONE, CancelToken.NONE);
                                ours += System.nanoTime() - t0;
                                oursCpu += processCpuNanos() - c0;
                            } else {
                                for (List<long[]> batch : round) {
                                    b.addAll(List.of(reference.encode(batch, pad, cls, info.normalize())));
                                }
                                theirs += System.nanoTime() - t0;
                                theirsCpu += processCpuNanos() - c0;
                            }
                        }
                        if (comparable) {
                            maxDiff = Math.max(maxDiff, maxAbsDifference(a, b.toArray(new float[0][])));
                        }
                        done += texts.size();
                        bar.update("sentences side by side", done, ids.size());
                    }
                }
                OpProfile referenceProfile = null;
                if (profile) {
                    err.println("profiling the reference over the same sentences");
                    err.flush();
                    referenceProfile = OpProfiler.record(() -> {
                        for (List<long[]> batch : batches) {
                            reference.encode(batch, pad, cls, info.normalize());
                        }
                    });
                }
                return new Result(ids.size() / (ours / 1e9), ids.size() / (theirs / 1e9),
                        oursCpu / 1e9, theirsCpu / 1e9,
                        comparable ? maxDiff : Double.NaN,
                        comparable ? "" : "the reference pools by mean or [CLS] only; this model: " + info.pipeline(),
                        referenceProfile);
            }
        } finally {
            Files.deleteIfExists(pt);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Consecutive batches taken together while their tokens stay within what the encoder runs in
     * one pass ({@link SentenceTransformerModel#TOKENS_PER_PASS}): the unit the two sides take
     * turns on. The reference runs each batch on its own (a trace has one batch per call).
     */
    private static List<List<List<long[]>>> rounds(List<List<long[]>> batches) {
        List<List<List<long[]>>> rounds = new ArrayList<>();
        List<List<long[]>> round = new ArrayList<>();
        long tokens = 0;
        for (List<long[]> batch : batches) {
            long t = batch.stream().mapToLong(s -> s.length).sum();
            if (!round.isEmpty() && tokens + t > SentenceTransformerModel.TOKENS_PER_PASS) {
                rounds.add(round);
                round = new ArrayList<>();
                tokens = 0;
            }
            round.add(batch);
            tokens += t;
        }
        if (!round.isEmpty()) {
            rounds.add(round);
        }
        return rounds;
    }

    /** Longest first, {@code batchSize} at a time: the batches the encoder itself would make. */
    private static List<List<long[]>> batches(List<long[]> ids, int batchSize) {
        List<long[]> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparingInt((long[] s) -> -s.length));
        List<List<long[]>> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += batchSize) {
            out.add(sorted.subList(i, Math.min(sorted.size(), i + batchSize)));
        }
        return out;
    }

    /** CPU time of the whole process, libtorch's threads included; -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                max = Math.max(max, Math.abs(a[r][c] - b[r][c]));
            }
        }
        return max;
    }

    static void print(Result r, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "side by side, the same batches alternately (after %d warm-up batches each):%n", WARM_UP_BATCHES);
        out.printf(Locale.ROOT, "  this encoder                   %8.1f sentences/s%n", r.encoderSentencesPerS());
        out.printf(Locale.ROOT, "  DJL + TorchScript of HF's graph %7.1f sentences/s%n", r.referenceSentencesPerS());
        out.printf(Locale.ROOT, "  ratio                          %8.3f×%n", r.ratio());
        out.printf(Locale.ROOT, "  CPU time, all threads           %.1f s this encoder, %.1f s the reference (ratio %.3f×)%n",
                r.encoderCpuS(), r.referenceCpuS(), r.referenceCpuS() / r.encoderCpuS());
        if (Double.isNaN(r.maxAbsDifference())) {
            out.println("  embeddings not compared: " + r.comparedWhy());
        } else {
            out.printf(Locale.ROOT, "  embeddings agree to            %8.1e (largest |difference| of any value)%n", r.maxAbsDifference());
        }
    }

    static JsonObject json(Result r, int rows) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "torchscript");
        o.addProperty("encoder_sentences_per_s", r.encoderSentencesPerS());
        o.addProperty("reference_sentences_per_s", r.referenceSentencesPerS());
        o.addProperty("ratio", r.ratio());
        o.addProperty("encoder_cpu_s", r.encoderCpuS());
        o.addProperty("reference_cpu_s", r.referenceCpuS());
        if (!Double.isNaN(r.maxAbsDifference())) {
            o.addProperty("max_abs_difference", r.maxAbsDifference());
        }
        if (r.referenceProfile() != null) {
            o.add("profile", ProfileReport.json(r.referenceProfile(), rows));
        }
        return o;
    }
}
