package kr.sbert.workbench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.data.SentencePair;
import kr.sbert.workbench.core.data.StsDataset;
import kr.sbert.workbench.core.eval.Baselines;
import kr.sbert.workbench.core.eval.EvaluationResult;
import kr.sbert.workbench.core.eval.Interval;
import kr.sbert.workbench.core.eval.SliceKeys;
import kr.sbert.workbench.core.eval.SliceResult;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;

/**
 * {@code eval --by KEY}: which slice each pair is in and how the per-slice table and JSON look.
 * KEY is {@code gold} (bands 0–1 … 4–5), {@code length} (bands of the longer sentence's tokens,
 * with [CLS]/[SEP]), {@code unk} (pairs with and without [UNK]) or a column of the file
 * ({@code genre}, {@code filename}, {@code source}, any extra CSV/TSV/JSONL column).
 */
final class EvalSlices {

    private EvalSlices() {
    }

    /** Whether the key needs a tokenizer (each model's own; baselines borrow the first model's). */
    static boolean usesTokens(String by) {
        return by.equalsIgnoreCase("length") || by.equalsIgnoreCase("unk");
    }

    /** The slice labels when they do not depend on the model; null for token-based keys. Checked before any model runs. */
    static String[] fixedKeys(String by, StsDataset d) throws InvalidInputException {
        if (usesTokens(by)) {
            return null;
        }
        return by.equalsIgnoreCase("gold") ? SliceKeys.byGold(d.pairs()) : SliceKeys.byColumn(d.pairs(), by,
                d.source().toString());
    }

    /**
     * The model whose tokenizer slices pairs for a baseline: the first neural model. Without one,
     * token-based keys are an invalid option (exit 2), found before any data is read.
     */
    static String tokenizerModel(String by, List<String> models) {
        if (!usesTokens(by)) {
            return null;
        }
        return models.stream().filter(m -> !Baselines.isBaselineSpec(m)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--by " + by + " counts tokens, and baselines have no"
                        + " tokenizer: add a model (--model FOLDER or hub id)"));
    }

    /** Token-based slice labels of every pair, with one model's tokenizer. */
    static String[] tokenKeys(String by, String modelSpec, boolean nfc, List<SentencePair> pairs, PrintWriter err)
            throws WorkbenchException {
        ModelOptions options = new ModelOptions();
        options.model = modelSpec;
        options.nfc = nfc;
        options.batchSize = 1; // tokenizer only: no batches
        Map<String, Encoding> encoded = new LinkedHashMap<>();
        for (SentencePair p : pairs) {
            encoded.put(p.sentence1(), null);
            encoded.put(p.sentence2(), null);
        }
        try (TextTokenizer tokenizer = ModelOpener.openTokenizer(options, err)) {
            List<String> texts = new ArrayList<>(encoded.keySet());
            List<Encoding> all = tokenizer.encodeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                encoded.put(texts.get(i), all.get(i));
            }
        }
        int n = pairs.size();
        if (by.equalsIgnoreCase("length")) {
            int[] length = new int[n];
            for (int i = 0; i < n; i++) {
                length[i] = Math.max(encoded.get(pairs.get(i).sentence1()).tokens().size(),
                        encoded.get(pairs.get(i).sentence2()).tokens().size());
            }
            return SliceKeys.byLength(length);
        }
        boolean[] unk = new boolean[n];
        for (int i = 0; i < n; i++) {
            unk[i] = hasUnknown(encoded.get(pairs.get(i).sentence1())) || hasUnknown(encoded.get(pairs.get(i).sentence2()));
        }
        return SliceKeys.byUnknown(unk);
    }

    private static boolean hasUnknown(Encoding e) {
        return e.tokens().stream().anyMatch(Token::unknown);
    }

    static void print(String by, Map<String, List<SliceResult>> slices, PrintWriter o) {
        for (Map.Entry<String, List<SliceResult>> m : slices.entrySet()) {
            o.println();
            o.println(m.getKey() + " by " + by + ":");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"slice", "pairs", "n", "pearson_cosine [95% CI]", "spearman_cosine [95% CI]"});
            for (SliceResult s : m.getValue()) {
                EvaluationResult r = s.result();
                rows.add(new String[] {s.slice(), Integer.toString(s.pairs()), Integer.toString(r.n()),
                    withInterval(r.metric("pearson_cosine"), r.intervals() == null ? null : r.intervals().pearson()),
                    withInterval(r.metric("spearman_cosine"), r.intervals() == null ? null : r.intervals().spearman())});
            }
            int[] width = new int[5];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder("  ");
                for (int c = 0; c < row.length; c++) {
                    boolean number = c == 1 || c == 2;
                    String pad = " ".repeat(width[c] - row[c].length());
                    line.append(c == 0 ? "" : "  ").append(number ? pad + row[c] : row[c] + pad);
                }
                o.println(line.toString().stripTrailing());
            }
        }
    }

    static JsonObject toJson(String by, Map<String, List<SliceResult>> slices) {
        JsonObject root = new JsonObject();
        root.addProperty("by", by);
        JsonArray models = new JsonArray();
        for (Map.Entry<String, List<SliceResult>> m : slices.entrySet()) {
            JsonObject mo = new JsonObject();
            mo.addProperty("model", m.getKey());
            JsonArray list = new JsonArray();
            for (SliceResult s : m.getValue()) {
                JsonObject so = new JsonObject();
                so.addProperty("slice", s.slice());
                so.addProperty("pairs", s.pairs());
                so.addProperty("n", s.result().n());
                JsonObject metrics = new JsonObject();
                metrics.add("pearson_cosine", EvalCommand.number(s.result().metric("pearson_cosine")));
                metrics.add("spearman_cosine", EvalCommand.number(s.result().metric("spearman_cosine")));
                s.result().metrics().forEach((k, v) -> metrics.add(k, EvalCommand.number(v)));
                so.add("metrics", metrics);
                JsonObject intervals = new JsonObject();
                if (s.result().intervals() != null) {
                    intervals.add("pearson_cosine", EvalCommand.interval(s.result().intervals().pearson()));
                    intervals.add("spearman_cosine", EvalCommand.interval(s.result().intervals().spearman()));
                }
                so.add("intervals", intervals);
                list.add(so);
            }
            mo.add("slices", list);
            models.add(mo);
        }
        root.add("models", models);
        return root;
    }

    private static String withInterval(double v, Interval i) {
        return i == null || !Double.isFinite(v) ? num(v) : num(v) + " [" + num(i.lower()) + ", " + num(i.upper()) + "]";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
