package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import kr.sbert.workbench.core.data.ReadOptions;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.data.StsReader;
import kr.sbert.workbench.core.explain.SplitDifference;
import kr.sbert.workbench.core.explain.VocabularyStatistics;
import kr.sbert.workbench.core.explain.VocabularyStats;
import kr.sbert.workbench.core.explain.WordCount;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vocab-stats}: how each model's vocabulary handles a data set (tokenizer only, no weights). */
@Command(name = "vocab-stats", mixinStandardHelpOptions = true,
        description = {"Vocabulary statistics of a data set per model (only the tokenizer is loaded): tokens per"
                + " sentence (mean, p95, max), sentences truncated at max_seq_length, [UNK] rate and the most"
                + " frequent [UNK] words, fertility (pieces per whitespace word), share of words split into two or"
                + " more pieces; with two or more models, the words split most differently (first model against each other)."})
final class VocabStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "Model folder or hub id (a folder with only tokenizer files is enough); repeatable.")
    List<String> models;

    @Option(names = "--data", paramLabel = "FILE",
            description = "STS pairs file (any format eval reads): its distinct sentences, both columns.")
    Path data;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Texts instead of pairs (.jsonl: {\"text\": ...} per line; else one text per line).")
    Path input;

    @Option(names = "--skip-bad-rows", description = "Skip malformed rows of --data (each is reported).")
    boolean skipBadRows;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "[UNK] words and split differences listed (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--nfc", description = "Normalise input to Unicode NFC before tokenizing.")
    boolean nfc;

    @Mixin
    InputChoices choices = new InputChoices();

    @Option(names = "--json", description = "One JSON document: models (per model statistics) and differences.")
    boolean json;

    /** Sentences tokenized at a time by every model (their encodings are let go once counted). */
    private static final int CHUNK = kr.sbert.workbench.core.Limits.VOCAB_STATS_SENTENCES_HELD;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be at least 0, got " + limit);
        }
        ModelOpener.checkTokenModels(models, "vocab-stats");
        List<VocabularyStats> stats = new ArrayList<>();
        List<List<SplitDifference>> differences = new ArrayList<>();
        List<String> sentences = sentences(err);
        List<TextTokenizer> tokenizers = new ArrayList<>();
        try {
            for (String m : models) {
                ModelOptions options = new ModelOptions();
                options.model = m;
                options.nfc = nfc;
                options.choices = choices;
                options.batchSize = 1; // tokenizer only: no batches
                tokenizers.add(ModelOpener.openTokenizer(options, err));
            }
            // A chunk of sentences at a time through every tokenizer: each encoding is counted and let go
            // (all of them held at once took 5.5 GB for 200,000 pairs).
            List<VocabularyStatistics.Tally> tallies = new ArrayList<>();
            List<VocabularyStatistics.Differences> against = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                tallies.add(new VocabularyStatistics.Tally());
                against.add(new VocabularyStatistics.Differences()); // [0] unused: the first model against itself
            }
            for (int from = 0; from < sentences.size(); from += CHUNK) {
                List<String> chunk = sentences.subList(from, Math.min(sentences.size(), from + CHUNK));
                List<Encoding> first = null;
                for (int i = 0; i < tokenizers.size(); i++) {
                    List<Encoding> e = tokenizers.get(i).encodeAll(chunk);
                    e.forEach(tallies.get(i)::add);
                    if (i == 0) {
                        first = e;
                    } else {
                        for (int s = 0; s < e.size(); s++) {
                            against.get(i).add(first.get(s), e.get(s));
                        }
                    }
                }
            }
            for (int i = 0; i < models.size(); i++) {
                stats.add(tallies.get(i).result(models.get(i), tokenizers.get(i).maxSeqLength(), limit));
                if (i > 0) {
                    differences.add(against.get(i).result(limit));
                }
            }
        } finally {
            for (TextTokenizer t : tokenizers) {
                t.close();
            }
        }
        if (json) {
            out.println(Json.pretty(toJson(stats, differences)));
        } else {
            printText(stats, differences, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<String> sentences(PrintWriter err) throws Exception {
        if ((data == null) == (input == null)) {
            throw new IllegalArgumentException("vocab-stats needs exactly one of --data FILE or --input FILE");
        }
        if (input != null) {
            return TextInputs.read(input);
        }
        StsDataset d = StsReader.read(data, ReadOptions.defaults().withSkipBadRows(skipBadRows));
        d.skipped().forEach(s -> err.println("skipped " + data + ":" + s.line() + ": " + s.reason()));
        Set<String> distinct = new LinkedHashSet<>();
        for (SentencePair p : d.pairs()) {
            distinct.add(p.sentence1());
            distinct.add(p.sentence2());
        }
        err.printf(Locale.ROOT, "data: %s: %d pairs, %d distinct sentences%n", data, d.pairs().size(), distinct.size());
        return new ArrayList<>(distinct);
    }

    static JsonObject toJson(List<VocabularyStats> stats, List<List<SplitDifference>> differences) {
        JsonObject root = new JsonObject();
        JsonArray models = new JsonArray();
        for (VocabularyStats s : stats) {
            JsonObject o = new JsonObject();
            o.addProperty("model", s.model());
            o.addProperty("sentences", s.sentences());
            JsonObject per = new JsonObject();
            per.addProperty("mean", s.meanTokens());
            per.addProperty("p95", s.p95Tokens());
            per.addProperty("max", s.maxTokens());
            o.add("tokens_per_sentence", per);
            o.addProperty("max_seq_length", s.maxSeqLength());
            o.addProperty("truncated", s.truncated());
            o.addProperty("tokens", s.tokens());
            o.addProperty("unknown_tokens", s.unknownTokens());
            o.addProperty("unknown_rate", s.unknownRate());
            JsonArray unk = new JsonArray();
            for (WordCount w : s.topUnknownWords()) {
                JsonObject wo = new JsonObject();
                wo.addProperty("word", w.word());
                wo.addProperty("count", w.count());
                unk.add(wo);
            }
            o.add("top_unknown_words", unk);
            o.addProperty("whitespace_words", s.whitespaceWords());
            o.addProperty("fertility", s.fertility());
            o.addProperty("words", s.words());
            o.addProperty("split_words", s.splitWords());
            o.addProperty("split_share", s.splitShare());
            models.add(o);
        }
        root.add("models", models);
        JsonArray diffs = new JsonArray();
        for (int i = 0; i < differences.size(); i++) {
            JsonObject o = new JsonObject();
            o.addProperty("model", stats.get(0).model());
            o.addProperty("versus", stats.get(i + 1).model());
            JsonArray words = new JsonArray();
            for (SplitDifference d : differences.get(i)) {
                JsonObject w = new JsonObject();
                w.addProperty("word", d.word());
                w.add("pieces_a", strings(d.piecesA()));
                w.add("pieces_b", strings(d.piecesB()));
                w.addProperty("count", d.count());
                words.add(w);
            }
            o.add("words", words);
            diffs.add(o);
        }
        root.add("differences", diffs);
        return root;
    }

    private static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }

    private static void printText(List<VocabularyStats> stats, List<List<SplitDifference>> differences, PrintWriter o) {
        for (VocabularyStats s : stats) {
            o.printf(Locale.ROOT, "%s: %d sentences%n", s.model(), s.sentences());
            o.printf(Locale.ROOT, "  tokens per sentence: mean %.2f, p95 %d, max %d%n", s.meanTokens(), s.p95Tokens(),
                    s.maxTokens());
            o.printf(Locale.ROOT, "  truncated at max_seq_length %d: %d%n", s.maxSeqLength(), s.truncated());
            o.printf(Locale.ROOT, "  [UNK]: %d of %d tokens (%.2f%%)%s%n", s.unknownTokens(), s.tokens(),
                    100 * s.unknownRate(), s.topUnknownWords().isEmpty() ? "" : "; most frequent: " + String.join(", ",
                            s.topUnknownWords().stream().map(w -> w.word() + " ×" + w.count()).toList()));
            o.printf(Locale.ROOT, "  fertility: %.3f pieces per whitespace word%n", s.fertility());
            o.printf(Locale.ROOT, "  split into 2+ pieces: %d of %d words (%.1f%%)%n", s.splitWords(), s.words(),
                    100 * s.splitShare());
        }
        for (int i = 0; i < differences.size(); i++) {
            o.printf(Locale.ROOT, "words split most differently: %s | %s%n", stats.get(0).model(), stats.get(i + 1).model());
            for (SplitDifference d : differences.get(i)) {
                o.printf(Locale.ROOT, "  %s  %s | %s  ×%d%n", d.word(), String.join(" ", d.piecesA()),
                        String.join(" ", d.piecesB()), d.count());
            }
        }
    }
}
