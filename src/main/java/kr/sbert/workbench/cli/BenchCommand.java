package kr.sbert.workbench.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.model.BertConfig;
import kr.sbert.workbench.core.model.EncoderFamily;
import kr.sbert.workbench.core.model.RandomBertModel;
import kr.sbert.workbench.core.model.SentenceTransformerModel;
import kr.sbert.workbench.core.model.TorchRuntime;
import kr.sbert.workbench.core.model.profile.OpProfile;
import kr.sbert.workbench.core.model.profile.OpProfiler;
import kr.sbert.workbench.core.task.CancelToken;
import kr.sbert.workbench.core.task.ProgressListener;
import kr.sbert.workbench.core.text.Encoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: encoding speed on a random-weight BERT of any shape (the real V40K shape by
 * default), or on a given model folder.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure encoding speed: builds a random-weight BERT of the given shape (default: the"
                + " KR-SBERT V40K shape), loads it as any model folder, and encodes a sentence file.")
final class BenchCommand implements Callable<Integer> {
    /** The random model's max_seq_length, as the KR-SBERT checkpoints ship it. */
    private static final int DEFAULT_MAX_SEQ_LENGTH = 128;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE",
            description = "Sentences: one per line, .jsonl with {\"text\"}, or a KorSTS .tsv (both sentence columns).")
    Path input;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "Bench this model (folder, hub id org/name[@revision]) instead of a random one.")
    String model;

    @Option(names = "--vocab-file", paramLabel = "FILE",
            description = "vocab.txt for the random model (e.g. the real V40K one); default: a synthetic syllable vocabulary.")
    Path vocabFile;

    @Option(names = "--vocab-size", defaultValue = "40000",
            description = "Vocabulary size of the random model (ignored with --vocab-file). Default: ${DEFAULT-VALUE}.")
    int vocabSize;

    @Option(names = "--hidden", defaultValue = "768", description = "Hidden size. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--layers", defaultValue = "12", description = "Transformer layers. Default: ${DEFAULT-VALUE}.")
    int layers;

    @Option(names = "--heads", defaultValue = "12", description = "Attention heads. Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--ffn", defaultValue = "3072", description = "Intermediate size. Default: ${DEFAULT-VALUE}.")
    int ffn;

    @Option(names = "--max-seq-length", paramLabel = "N",
            description = "Tokens per sentence including [CLS]/[SEP]. Default: 128 for the random model,"
                    + " the model's own with --model.")
    Integer maxSeqLength;

    @Option(names = "--batch-size", defaultValue = "32", description = "Sentences per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "Torch threads inside an operation. Default: the machine's cores, as every other command.")
    Integer threadsOption;

    /** {@code --threads}, or the cores the JVM may use. */
    private int threads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--write-model", paramLabel = "DIR",
            description = "Keep the random model as a hub-style folder in DIR (safetensors, root layout).")
    Path writeModel;

    /** {@code --model-type} values. */
    enum ModelType {
        bert(EncoderFamily.BERT), roberta(EncoderFamily.ROBERTA), xlm_roberta(EncoderFamily.XLM_ROBERTA);

        final EncoderFamily family;

        ModelType(EncoderFamily family) {
            this.family = family;
        }
    }

    @Option(names = "--model-type", paramLabel = "T", defaultValue = "bert", converter = ModelTypeConverter.class,
            description = "Graph of the random model: bert, roberta or xlm-roberta. Default: ${DEFAULT-VALUE}.")
    ModelType modelType;

    @Option(names = "--tokenizer", paramLabel = "K", defaultValue = "wordpiece",
            description = "Vocabulary of the random model: wordpiece (vocab.txt) or unigram (SentencePiece"
                    + " tokenizer.json, XLM-R's special tokens). Default: ${DEFAULT-VALUE}.")
    String tokenizer;

    @Option(names = "--positions", paramLabel = "N", defaultValue = "512",
            description = "Tokens the random model's position embeddings hold (bge-m3: 8192). Default: ${DEFAULT-VALUE}.")
    int positions;

    private boolean unigram;

    /** Reads {@code xlm-roberta} as well as {@code xlm_roberta}. */
    static final class ModelTypeConverter implements picocli.CommandLine.ITypeConverter<ModelType> {
        @Override
        public ModelType convert(String value) {
            try {
                return ModelType.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("--model-type must be bert, roberta or xlm-roberta, got '"
                        + kr.sbert.workbench.core.UserText.quote(value) + "'");
            }
        }
    }

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--profile",
            description = "After the timed pass, encode the same sentences once more under libtorch's operator profiler"
                    + " and print where the time goes: each operator's calls and time, and the time outside them"
                    + " (Java, JNI calls, NDArray objects).")
    boolean profile;

    /** {@code --reference} values. */
    enum Reference { torchscript }

    @Option(names = "--reference", paramLabel = "R",
            description = "Also time the same model as a reference, on the same batches, alternately: torchscript"
                    + " (HF's BertModel graph as torch.jit.trace records it, written with the same weights and run by"
                    + " DJL on the same libtorch). Prints both speeds, their ratio and how far the embeddings differ.")
    Reference reference;

    @Option(names = "--profile-rows", paramLabel = "N", defaultValue = "12",
            description = "Operators listed per table with --profile. Default: ${DEFAULT-VALUE}.")
    int profileRows;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        List<String> sentences = BenchInput.read(input);
        if (vocabFile != null && model == null) {
            TextInputs.readUtf8(vocabFile); // a missing or non-UTF-8 vocab.txt is named before any writing
        }
        boolean newWriteFolder = writeModel != null && model == null && !Files.exists(writeModel);
        if (writeModel != null && model == null) {
            refuseToOverwrite(writeModel);
        }
        TorchRuntime.setThreads(threads);

        Path folder = model == null ? null : ModelOpener.resolveFolder(model, err);
        Path tempDir = null;
        boolean written = false;
        try {
            if (folder == null) {
                folder = writeModel != null ? writeModel : (tempDir = Files.createTempDirectory("kr-sbert-bench"));
                err.println("writing a random " + modelType.family.label() + " model, " + layers + " layers, " + hidden + " hidden, "
                        + (unigram ? "Unigram" : "WordPiece") + " vocabulary, to " + folder);
                err.flush();
                // With a vocabulary file the model's vocab_size is that file's size (not --vocab-size).
                int vocab = vocabFile != null ? RandomBertModel.readVocabulary(vocabFile).size() : vocabSize;
                RandomBertModel.writeFolder(folder, shape(vocab),
                        maxSeqLength == null ? DEFAULT_MAX_SEQ_LENGTH : maxSeqLength, vocabFile, seed, unigram);
            }
            written = true;
            long t0 = System.nanoTime();
            Result r;
            int override = model != null && maxSeqLength != null ? maxSeqLength : 0;
            try (SentenceTransformerModel m = SentenceTransformerModel.load(folder, model != null ? model : folder.toString(),
                    new SentenceTransformerModel.Options(batchSize, false, override))) {
                double loadS = (System.nanoTime() - t0) / 1e9;
                // One batch to warm up libtorch's kernels and allocator; not counted.
                m.encode(sentences.subList(0, Math.min(batchSize, sentences.size())));
                long t1 = System.nanoTime();
                List<Encoding> encodings = m.tokenizer().encodeAll(sentences);
                long t2 = System.nanoTime();
                List<long[]> ids = new ArrayList<>(encodings.size());
                long tokens = 0;
                for (Encoding e : encodings) {
                    ids.add(e.inputIds());
                    tokens += e.inputIds().length;
                }
                try (ProgressBar bar = new ProgressBar(err, "sentences")) {
                    m.encodeTokenized(ids, bar, CancelToken.NONE);
                }
                long t3 = System.nanoTime();
                // memory of the timed pass, before a reference model or the profiler adds its own
                long peakRssKb = peakRssKb();
                long peakHeap = peakHeapBytes();
                OpProfile ops = null;
                if (profile) {
                    err.println("profiling a second pass over the same sentences");
                    err.flush();
                    ops = OpProfiler.record(() -> m.encodeTokenized(ids, ProgressListener.NONE, CancelToken.NONE));
                }
                BenchSideBySide.Result side = reference == null ? null
                        : BenchSideBySide.run(m, folder, ids, batchSize, profile, err);
                r = new Result(sentences.size(), tokens, loadS, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                        m.info().dimension(), m.info().maxSeqLength(), ops, side, peakRssKb, peakHeap);
            }
            print(r, out);
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
            } else if (newWriteFolder && !written && Files.exists(writeModel)) {
                deleteTree(writeModel); // a half-written random model is of no use to anyone
            }
        }
        return ExitCodes.OK;
    }

    /** Option values that cannot work are refused before anything is read or written (exit 2). */
    private void checkOptions() {
        if (!tokenizer.equals("wordpiece") && !tokenizer.equals("unigram")) {
            throw new IllegalArgumentException("--tokenizer must be wordpiece or unigram, got '"
                    + kr.sbert.workbench.core.UserText.quote(tokenizer) + "'");
        }
        unigram = tokenizer.equals("unigram");
        requireAtLeast("--positions", positions, 2);
        threads = threadsOption != null ? threadsOption : Runtime.getRuntime().availableProcessors();
        requireAtLeast("--threads", threads, 1);
        requireAtLeast("--batch-size", batchSize, 1);
        requireAtLeast("--profile-rows", profileRows, 1);
        if (maxSeqLength != null) {
            requireAtLeast("--max-seq-length", maxSeqLength, 2);
        }
        if (model != null) {
            return;
        }
        if (vocabFile == null) {
            requireAtLeast("--vocab-size", vocabSize, 5);
        }
        requireAtLeast("--hidden", hidden, 1);
        requireAtLeast("--layers", layers, 1);
        requireAtLeast("--heads", heads, 1);
        requireAtLeast("--ffn", ffn, 1);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("--hidden " + hidden + " must be a multiple of --heads " + heads);
        }
        if (unigram && vocabFile != null) {
            throw new IllegalArgumentException("--tokenizer unigram builds its own vocabulary: drop --vocab-file");
        }
        if (unigram) {
            requireAtLeast("--vocab-size", vocabSize, 6);
        }
        int positions = shape(Math.max(vocabSize, 6)).maxTokens();
        if (maxSeqLength != null && maxSeqLength > positions) {
            throw new IllegalArgumentException("--max-seq-length " + maxSeqLength
                    + " exceeds the random model's " + positions + " positions");
        }
    }

    /** The random model's config: the family's defaults, {@code --positions} tokens. */
    private BertConfig shape(int vocab) {
        return BertConfig.of(modelType.family, vocab, hidden, layers, heads, ffn, positions);
    }

    private static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    private record Result(int sentences, long tokens, double loadS, double tokenizeS, double encodeS, int dimension,
                          int maxSeqLength, OpProfile profile, BenchSideBySide.Result side, long peakRssKb,
                          long peakHeapBytes) {
        double totalS() {
            return tokenizeS + encodeS;
        }
    }

    private void print(Result r, PrintWriter out) {
        double peakHeapMb = r.peakHeapBytes() / 1e6;
        double peakRssMb = r.peakRssKb() / 1e3;
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("sentences", r.sentences());
            o.addProperty("tokens", r.tokens());
            o.addProperty("sentences_per_s", r.sentences() / r.totalS());
            o.addProperty("tokens_per_s", r.tokens() / r.totalS());
            o.addProperty("load_s", r.loadS());
            o.addProperty("tokenize_s", r.tokenizeS());
            o.addProperty("encode_s", r.encodeS());
            o.addProperty("peak_heap_mb", peakHeapMb);
            o.addProperty("peak_rss_mb", peakRssMb);
            o.addProperty("threads", threads);
            o.addProperty("batch_size", batchSize);
            o.addProperty("max_seq_length", r.maxSeqLength());
            o.addProperty("dimension", r.dimension());
            if (r.profile() != null) {
                o.add("profile", ProfileReport.json(r.profile(), profileRows));
            }
            if (r.side() != null) {
                o.add("reference", BenchSideBySide.json(r.side(), profileRows));
            }
            o.add("machine", BenchMachine.json());
            out.println(Json.compact(o));
        } else {
            out.printf(Locale.ROOT, "sentences      %d (%d tokens, %.1f per sentence)%n", r.sentences(), r.tokens(),
                    (double) r.tokens() / r.sentences());
            out.printf(Locale.ROOT, "sentences/s    %.1f%n", r.sentences() / r.totalS());
            out.printf(Locale.ROOT, "tokens/s       %.0f%n", r.tokens() / r.totalS());
            out.printf(Locale.ROOT, "load           %.2f s%n", r.loadS());
            out.printf(Locale.ROOT, "tokenize       %.2f s%n", r.tokenizeS());
            out.printf(Locale.ROOT, "encode         %.2f s%n", r.encodeS());
            out.printf(Locale.ROOT, "peak heap      %.0f MB%n", peakHeapMb);
            out.printf(Locale.ROOT, "peak RSS       %.0f MB%n", peakRssMb);
            out.printf(Locale.ROOT, "threads %d, batch %d, max_seq_length %d%n", threads, batchSize, r.maxSeqLength());
            BenchMachine.describe().forEach((k, v) -> out.printf(Locale.ROOT, "%-14s %s%n", k, v));
            if (r.side() != null) {
                BenchSideBySide.print(r.side(), out);
            }
            if (r.profile() != null) {
                out.println();
                ProfileReport.print(r.profile(), profileRows, "the encoder", out);
            }
            if (r.side() != null && r.side().referenceProfile() != null) {
                out.println();
                ProfileReport.print(r.side().referenceProfile(), profileRows, "the TorchScript reference", out);
            }
        }
        out.flush();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM from /proc/self/status (Linux); -1 elsewhere. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The random model must never replace files the user already has (a real model, say). */
    private static void refuseToOverwrite(Path dir) throws InvalidInputException, java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": --write-model needs a folder, this is a file");
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException(dir + ": --write-model needs a new or empty folder, this one holds files");
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
