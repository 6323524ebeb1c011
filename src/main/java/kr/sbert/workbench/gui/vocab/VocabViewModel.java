package kr.sbert.workbench.gui.vocab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.explain.SplitDifference;
import kr.sbert.workbench.core.explain.VocabularyStatistics;
import kr.sbert.workbench.core.explain.VocabularyStats;
import kr.sbert.workbench.core.explain.WordCount;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.gui.status.StatusViewModel;
import kr.sbert.workbench.gui.task.TaskRunner;

/** Vocabulary statistics of the loaded pairs' distinct sentences per ticked model, as table rows. */
public final class VocabViewModel {
    private final TaskRunner runner;
    private final StatusViewModel status;
    private final ObservableList<String> models = FXCollections.observableArrayList();
    private final ObservableList<VocabRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> differences = FXCollections.observableArrayList();

    public VocabViewModel(TaskRunner runner, StatusViewModel status) {
        this.runner = runner;
        this.status = status;
    }

    /** The models of the last computation, one value column each. */
    public ObservableList<String> models() {
        return models;
    }

    public ObservableList<VocabRow> rows() {
        return rows;
    }

    /** The words the first two models split most differently, one line each. */
    public ObservableList<String> differences() {
        return differences;
    }

    /**
     * Computes in the background.
     *
     * @param tokenizers model id → tokenizer, in display order (baselines have none)
     */
    public void compute(List<SentencePair> pairs, Map<String, TextTokenizer> tokenizers) {
        Set<String> distinct = new LinkedHashSet<>();
        for (SentencePair p : pairs) {
            distinct.add(p.sentence1());
            distinct.add(p.sentence2());
        }
        List<String> sentences = new ArrayList<>(distinct);
        List<Map.Entry<String, TextTokenizer>> chosen = List.copyOf(tokenizers.entrySet());
        runner.submit("Vocabulary statistics of " + sentences.size() + " sentences", (progress, cancel) -> {
            List<VocabularyStats> stats = new ArrayList<>();
            List<List<Encoding>> encodings = new ArrayList<>();
            for (var m : chosen) {
                cancel.throwIfCancelled();
                List<Encoding> e = m.getValue().encodeAll(sentences);
                encodings.add(e);
                stats.add(VocabularyStatistics.of(m.getKey(), e, m.getValue().maxSeqLength(),
                        VocabularyStatistics.DEFAULT_LIMIT));
            }
            List<SplitDifference> diff = encodings.size() >= 2
                    ? VocabularyStatistics.differences(encodings.get(0), encodings.get(1), VocabularyStatistics.DEFAULT_LIMIT)
                    : List.of();
            return new Result(stats, diff);
        }, this::show, e -> status.report("computing vocabulary statistics", e));
    }

    private void show(Result r) {
        models.setAll(r.stats().stream().map(VocabularyStats::model).toList());
        List<VocabRow> out = new ArrayList<>();
        out.add(row("sentences", r, s -> Integer.toString(s.sentences())));
        out.add(row("tokens per sentence (mean)", r, s -> String.format(Locale.ROOT, "%.2f", s.meanTokens())));
        out.add(row("tokens per sentence (p95)", r, s -> Integer.toString(s.p95Tokens())));
        out.add(row("tokens per sentence (max)", r, s -> Integer.toString(s.maxTokens())));
        out.add(row("truncated at max_seq_length", r, s -> s.truncated() + " (max_seq_length " + s.maxSeqLength() + ")"));
        out.add(row("[UNK] rate", r, s -> String.format(Locale.ROOT, "%.3f%% (%d of %d)", 100 * s.unknownRate(),
                s.unknownTokens(), s.tokens())));
        out.add(row("most frequent [UNK] words", r, s -> String.join(", ", s.topUnknownWords().stream()
                .limit(8).map(WordCount::word).toList())));
        out.add(row("fertility (pieces per whitespace word)", r, s -> String.format(Locale.ROOT, "%.3f", s.fertility())));
        out.add(row("words split into 2+ pieces", r, s -> String.format(Locale.ROOT, "%.1f%% (%d of %d)",
                100 * s.splitShare(), s.splitWords(), s.words())));
        rows.setAll(out);
        differences.setAll(r.differences().stream().map(d -> String.format(Locale.ROOT, "%s:  %s  |  %s  (×%d)",
                d.word(), String.join(" ", d.piecesA()), String.join(" ", d.piecesB()), d.count())).toList());
    }

    private static VocabRow row(String name, Result r, Function<VocabularyStats, String> value) {
        return new VocabRow(name, r.stats().stream().map(value).toList());
    }

    private record Result(List<VocabularyStats> stats, List<SplitDifference> differences) {
    }
}
