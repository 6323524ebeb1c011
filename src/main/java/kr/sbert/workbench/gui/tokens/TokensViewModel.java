package kr.sbert.workbench.gui.tokens;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kr.sbert.workbench.core.text.Encoding;
import kr.sbert.workbench.core.text.HfTextTokenizer;
import kr.sbert.workbench.core.text.TextChecks;
import kr.sbert.workbench.core.text.TextTokenizer;
import kr.sbert.workbench.core.text.Token;
import kr.sbert.workbench.gui.service.TokenizerOnly;
import kr.sbert.workbench.gui.status.StatusViewModel;

/**
 * Tokenizes {@link #textProperty()} with every selected model's tokenizer and lays the result
 * out as chip rows. Tokenizing one text takes well under a millisecond, so it runs where it
 * is asked (the FX thread).
 */
public final class TokensViewModel {
    /** At most this many chips per row (a page of pasted text has thousands of tokens). */
    public static final int MAX_CHIPS = 600;
    /** At most this many chips beyond max_seq_length per row. */
    public static final int MAX_TRUNCATED_CHIPS = 100;

    /** Begins the note of a row shown from a tokenizer alone. */
    public static final String TOKENIZER_ONLY = "tokenizer only — not downloaded";

    private final StatusViewModel status;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<TokenRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private Map<String, TextTokenizer> tokenizers = Map.of();
    private Map<String, TokenizerOnly> tokenizerOnly = Map.of();

    public TokensViewModel(StatusViewModel status) {
        this.status = status;
        text.addListener((obs, was, now) -> refresh());
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObservableList<TokenRow> rows() {
        return rows;
    }

    /** Warnings about the text itself (decomposed Hangul, compatibility characters). */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** The tokenizers to show, model id → tokenizer, in display order. */
    public void setTokenizers(Map<String, TextTokenizer> byModel) {
        this.tokenizers = byModel;
        refresh();
    }

    /**
     * Tokenizers of models whose weights are not downloaded, model id → tokenizer; shown after
     * the loaded models' rows (a model that is loaded too is shown once, as loaded).
     */
    public void setTokenizerOnly(Map<String, TokenizerOnly> byModel) {
        this.tokenizerOnly = byModel;
        refresh();
    }

    /** Loaded models' tokenizers, then those shown from a tokenizer alone. */
    private Map<String, TextTokenizer> shown() {
        Map<String, TextTokenizer> all = new java.util.LinkedHashMap<>(tokenizers);
        tokenizerOnly.forEach((id, t) -> all.putIfAbsent(id, t.tokenizer()));
        return all;
    }

    private String noteOf(String model) {
        TokenizerOnly t = tokenizerOnly.get(model);
        return t == null || tokenizers.containsKey(model) ? "" : TOKENIZER_ONLY + " (" + t.source() + ")";
    }

    public void refresh() {
        Map<String, TextTokenizer> tokenizers = shown(); // every row to draw, tokenizer-only ones included
        String t = text.get() == null ? "" : text.get();
        List<String> textWarnings = new ArrayList<>();
        if (!TextChecks.isNfc(t)) {
            String what = TextChecks.hasDecomposedHangul(t) ? "decomposed Hangul (NFD jamo)" : "compatibility characters";
            textWarnings.add("The text is not NFC: it holds " + what
                    + (JamoDisplay.hasConjoiningJamo(t) ? ", " + JamoDisplay.describe(t) : "")
                    + ". The models see the pieces below, not those of \""
                    + Normalizer.normalize(t, Normalizer.Form.NFC) + "\" (normalise to NFC first).");
        }
        warnings.setAll(textWarnings);
        if (t.isBlank() || tokenizers.isEmpty()) {
            rows.clear();
            return;
        }
        Map<String, Encoding> encodings = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, TextTokenizer> e : tokenizers.entrySet()) {
            try {
                encodings.put(e.getKey(), e.getValue().encode(t));
            } catch (RuntimeException ex) {
                status.report("tokenizing with " + e.getKey(), ex);
            }
        }
        Map<String, List<List<Token>>> words = new java.util.LinkedHashMap<>();
        encodings.forEach((m, enc) -> words.put(m, groupWords(enc.tokens())));
        Map<String, Set<Integer>> cuts = cuts(words, t);
        List<TokenRow> out = new ArrayList<>();
        for (Map.Entry<String, List<List<Token>>> e : words.entrySet()) {
            List<List<TokenChip>> chips = new ArrayList<>();
            int truncatedShown = 0;
            int shown = 0;
            int hidden = 0;
            for (List<Token> w : e.getValue()) {
                boolean special = w.get(0).special();
                boolean cut = w.stream().anyMatch(Token::truncated);
                // A pasted page of text has thousands of tokens; drawing them all freezes the
                // window for seconds on every keystroke. Draw what the model sees and a tail of
                // what it does not (special tokens always), and count the rest.
                if (!special && (shown >= MAX_CHIPS || (cut && truncatedShown >= MAX_TRUNCATED_CHIPS))) {
                    hidden += w.size();
                    continue;
                }
                boolean diff = !special && splitDifferently(w, t, cuts);
                chips.add(w.stream().map(tok -> new TokenChip(tok, diff)).toList());
                shown += w.size();
                if (cut) {
                    truncatedShown += w.size();
                }
            }
            Encoding enc = encodings.get(e.getKey());
            String summary = summary(enc);
            if (hidden > 0) {
                summary += " · " + hidden + " more not drawn";
            }
            out.add(new TokenRow(e.getKey(), chips, summary, rowWarnings(t, enc, tokenizers.get(e.getKey())),
                    noteOf(e.getKey())));
        }
        rows.setAll(out);
    }

    /** Groups tokens into words: a non-continuation token starts a group. */
    static List<List<Token>> groupWords(List<Token> tokens) {
        List<List<Token>> words = new ArrayList<>();
        for (Token tok : tokens) {
            if (tok.continuation() && !words.isEmpty() && !words.get(words.size() - 1).get(0).special()) {
                words.get(words.size() - 1).add(tok);
            } else {
                List<Token> w = new ArrayList<>();
                w.add(tok);
                words.add(w);
            }
        }
        return words;
    }

    /**
     * Where a token's visible text starts: its start, past the space SentencePiece's {@code ▁} piece
     * takes along, so the cuts of WordPiece and Unigram vocabularies line up; -1 without offsets.
     */
    static int visibleStart(Token t, String text) {
        int start = t.start();
        while (start >= 0 && start < text.length() && start < t.end() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Where each model cuts the text: the visible start of every non-special token with offsets. */
    static Map<String, Set<Integer>> cuts(Map<String, List<List<Token>>> byModel, String text) {
        Map<String, Set<Integer>> out = new java.util.LinkedHashMap<>();
        byModel.forEach((model, words) -> {
            Set<Integer> c = new java.util.TreeSet<>();
            for (List<Token> w : words) {
                for (Token t : w) {
                    if (!t.special() && t.start() >= 0) {
                        c.add(visibleStart(t, text));
                    }
                }
            }
            out.put(model, c);
        });
        return out;
    }

    /**
     * Whether the models split a word differently: inside the word's span (after its first
     * character) they cut at different places. A Unigram word that takes its punctuation along
     * ({@code ▁옵니다} {@code .}) and WordPiece's two words ({@code 옵니다}, {@code .}) cut alike.
     */
    static boolean splitDifferently(List<Token> word, String text, Map<String, Set<Integer>> cuts) {
        if (cuts.size() < 2) {
            return false;
        }
        int from = -1;
        int to = -1;
        for (Token t : word) {
            if (t.start() >= 0) {
                from = from < 0 ? visibleStart(t, text) : from;
                to = Math.max(to, t.end());
            }
        }
        if (from < 0) {
            return false;
        }
        Set<Set<Integer>> seen = new java.util.HashSet<>();
        for (Set<Integer> c : cuts.values()) {
            seen.add(((java.util.TreeSet<Integer>) c).subSet(from + 1, to));
        }
        return seen.size() > 1;
    }

    static String summary(Encoding enc) {
        List<Token> words = enc.wordTokens();
        long unk = words.stream().filter(Token::unknown).count();
        long cut = words.stream().filter(Token::truncated).count();
        long chars = enc.text().codePoints().filter(c -> !Character.isWhitespace(c)).count();
        String s = String.format(Locale.ROOT, "%d tokens · [UNK] %.1f%% · %.2f chars/token",
                words.size(), words.isEmpty() ? 0.0 : 100.0 * unk / words.size(),
                words.isEmpty() ? 0.0 : (double) chars / words.size());
        if (cut > 0) {
            s += " · " + cut + " beyond max_seq_length";
        }
        return s;
    }

    /**
     * A tokenizer that lower-cases (BERT's lower-casing also strips accents through NFD, which
     * splits Hangul syllables into jamo), or jamo in the pieces of a text that had syllables.
     */
    static List<String> rowWarnings(String text, Encoding enc, TextTokenizer tokenizer) {
        List<String> w = new ArrayList<>();
        if (tokenizer instanceof HfTextTokenizer hf && hf.lowercases()) {
            String seen = hf.whatTheModelSees(text);
            // Printed as it is, a font recombines the jamo and it looks like the input: spell it out.
            w.add("This tokenizer lower-cases (do_lower_case), which also decomposes Hangul: the model sees "
                    + (JamoDisplay.hasConjoiningJamo(seen) ? JamoDisplay.describe(seen) : "\"" + seen + "\"") + ".");
            return w;
        }
        boolean textHasSyllables = text.codePoints().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3);
        boolean piecesHaveJamo = enc.wordTokens().stream().anyMatch(t -> t.piece().codePoints()
                .anyMatch(c -> c >= 0x1100 && c <= 0x11FF));
        if (textHasSyllables && piecesHaveJamo) {
            w.add("This tokenizer lower-cases / strips accents: Hangul syllables are decomposed into jamo,"
                    + " so the model sees jamo pieces and [UNK]s as shown.");
        }
        return w;
    }
}
