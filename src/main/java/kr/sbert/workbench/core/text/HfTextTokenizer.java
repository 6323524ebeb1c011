package kr.sbert.workbench.core.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TextTokenizer} on DJL's binding of the HF (Rust, "fast") tokenizers library: the
 * tokenization sentence-transformers users get. It strips the text like Python's
 * {@code str.strip()}, applies the module's lower-casing (and NFC when asked), lets the library
 * encode without truncation or padding, then truncates itself so the untruncated tokens stay
 * visible. Offsets are mapped back to {@code char} indices of the caller's text.
 * Made by {@link TokenizerLoader}; thread-safe (the native tokenizer is immutable).
 *
 * <p>{@link Token#special()} marks the tokens the post-processor adds ({@code [CLS]},
 * {@code [SEP]}), as HF's {@code special_tokens_mask} does; a special token written literally in
 * the text (e.g. {@code [MASK]}) is kept whole and counted as one of the text's pieces, with its
 * offsets. {@link Token#unknown()} is the WordPiece {@code [UNK]}.
 */
public final class HfTextTokenizer implements TextTokenizer {

    private final HuggingFaceTokenizer library;
    private final TokenizerSettings settings;
    private final BertNormalization normalization;
    private final int vocabSize;
    private final long maxTokenId;
    private final long padId;
    private final long unkId;
    private final WordMarks marks;
    /** The longest added token (e.g. {@code [MASK]}), in chars: a prefix's last tokens this close to its end may change. */
    private final int longestAddedToken;
    /** WordPiece's max_input_chars_per_word where {@link GiantWords} may shrink words; 0: never. */
    private final int giantWordChars;

    HfTextTokenizer(HuggingFaceTokenizer library, TokenizerSettings settings,
                    BertNormalization normalization, int vocabSize, long maxTokenId, long padId, long unkId,
                    WordMarks marks, int longestAddedToken, int giantWordChars) {
        this.longestAddedToken = longestAddedToken;
        this.giantWordChars = settings.nfc() ? 0 : giantWordChars; // NFC composition can shorten a run
        this.library = library;
        this.settings = settings;
        this.normalization = normalization;
        this.vocabSize = vocabSize;
        this.maxTokenId = maxTokenId;
        this.padId = padId;
        this.unkId = unkId;
        this.marks = marks;
    }

    @Override
    public Encoding encode(String text) {
        PreparedText prepared = PreparedText.of(text, settings);
        return toEncoding(text, prepared, library.encode(prepared.input()));
    }

    @Override
    public List<Encoding> encodeAll(List<String> texts) {
        List<PreparedText> prepared = texts.stream().map(t -> PreparedText.of(t, settings)).toList();
        // A fresh array: the library must never touch the caller's strings.
        String[] inputs = prepared.stream().map(PreparedText::input).toArray(String[]::new);
        ai.djl.huggingface.tokenizers.Encoding[] encoded = library.batchEncode(inputs);
        List<Encoding> out = new ArrayList<>(texts.size());
        for (int i = 0; i < encoded.length; i++) {
            out.add(toEncoding(texts.get(i), prepared.get(i), encoded[i]));
        }
        return out;
    }

    /**
     * Short texts are encoded in one batch as {@link #encodeAll} does. A text longer than
     * {@link #prefixChars()} is encoded by prefixes that end just after a space or punctuation
     * (where BERT's pre-tokenizer always splits, so the words before are tokenized as in the whole
     * text), doubled until they hold {@code max_seq_length - 2} tokens that end before the margin of
     * the longest added token: the ids are those of the whole text, but a 20 MB line costs what its
     * first few hundred words cost.
     */
    @Override
    public List<long[]> modelInputIds(List<String> texts) {
        return encodeAll(texts, settings.maxSeqLength() - 2).stream().map(Encoding::inputIds).toList();
    }

    /**
     * Short texts in one batch; a text longer than {@link #prefixChars} is tokenized by prefixes
     * (see {@link #modelInputIds}) until {@code maxPieces} pieces are known.
     */
    @Override
    public List<Encoding> encodeAll(List<String> texts, int maxPieces) {
        int pieces = Math.max(maxPieces, settings.maxSeqLength() - 2);
        int prefix = prefixChars(pieces);
        List<String> shortTexts = new ArrayList<>();
        for (String t : texts) {
            if (t.length() <= prefix) {
                shortTexts.add(t);
            }
        }
        List<Encoding> shortEncoded = shortTexts.size() == texts.size() ? encodeAll(texts) : encodeAll(shortTexts);
        if (shortTexts.size() == texts.size()) {
            return shortEncoded;
        }
        List<Encoding> out = new ArrayList<>(texts.size());
        int next = 0;
        for (String t : texts) {
            out.add(t.length() <= prefix ? shortEncoded.get(next++) : encodeLong(t, prefix, pieces));
        }
        return out;
    }

    /** Texts up to this many chars are encoded whole. */
    private int prefixChars(int pieces) {
        return (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1024L, 16L * pieces + 16L * settings.maxSeqLength()))
                + longestAddedToken;
    }

    /** The whole text's encoding cut after its first {@code pieces} pieces (all of it when it has fewer). */
    private Encoding encodeLong(String text, int prefix, int pieces) {
        GiantWords giant = giantWordChars > 0 ? GiantWords.shrink(text, giantWordChars, normalization.stripAccents()) : null;
        if (giant == null) {
            return encodeLongAsIs(text, prefix, pieces);
        }
        String shorter = giant.shortText();
        return giant.restore(text, shorter.length() <= prefix ? encode(shorter) : encodeLongAsIs(shorter, prefix, pieces));
    }

    private Encoding encodeLongAsIs(String text, int prefix, int pieces) {
        int needed = pieces + 1; // one more than kept: then the text surely goes on
        for (long len = prefix; len < text.length(); len *= 2) {
            int cut = safeCut(text, (int) len, marks.splitsAtPunctuation());
            if (cut <= 0) {
                continue;
            }
            Encoding e = encode(text.substring(0, cut));
            List<Token> tokens = e.tokens();
            int margin = cut - longestAddedToken - 1;
            int finalTokens = 0;
            for (int i = 1; i < tokens.size() - 1 && finalTokens < needed; i++) {
                Token t = tokens.get(i);
                if (t.special() && t.end() < 0) {
                    finalTokens++; // a piece of the prompt, which comes first: as final as it gets
                    continue;
                }
                if (t.end() < 0 || t.end() > margin) {
                    break;
                }
                finalTokens++;
            }
            if (finalTokens >= needed) {
                // [CLS], the first `pieces` pieces (as in the whole text), [SEP]; ids truncated as the whole text's
                List<Token> kept = new ArrayList<>(tokens.subList(0, pieces + 1));
                kept.add(tokens.get(tokens.size() - 1));
                return new Encoding(text, List.copyOf(kept), e.inputIds(), e.truncated());
            }
        }
        return encode(text);
    }

    /**
     * The largest cut ≤ {@code len} right after whitespace (or punctuation, when the pre-tokenizer
     * always splits there); 0 when there is none.
     */
    static int safeCut(String text, int len, boolean atPunctuation) {
        for (int i = Math.min(len, text.length()); i > 0; i--) {
            char c = text.charAt(i - 1);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || (atPunctuation && isPunctuation(c))) {
                return i;
            }
        }
        return 0;
    }

    /** BERT's {@code _is_punctuation}: ASCII symbols and Unicode P* (BMP chars only, which is all a cut needs). */
    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    private Encoding toEncoding(String text, PreparedText prepared, ai.djl.huggingface.tokenizers.Encoding e) {
        long[] ids = e.getIds();
        String[] pieces = e.getTokens();
        CharSpan[] spans = e.getCharTokenSpans();
        int n = ids.length; // [CLS] pieces... [SEP], checked at load time
        int limit = settings.maxSeqLength() - 2;
        int inner = n - 2;
        List<Token> tokens = new ArrayList<>(n);
        boolean inPrompt = prepared.promptChars() > 0; // the prompt's pieces come first
        for (int i = 0; i < n; i++) {
            // Special = inserted by the post-processor, as HF's special_tokens_mask has it: a
            // literal "[MASK]" written in the text is one of the text's pieces, with offsets.
            boolean special = i == 0 || i == n - 1;
            CharSpan span = spans[i];
            int start = -1;
            int end = -1;
            if (!special && span != null && span.getEnd() > span.getStart()) {
                start = prepared.startChar(span.getStart());
                end = prepared.endChar(span.getEnd());
                if (end > 0) {
                    inPrompt = false;
                    start = Math.max(start, 0);
                }
            }
            if (!special && inPrompt) {
                // a piece of the prompt: fed to the model, but no part of the text (shown like [CLS])
                special = true;
                start = -1;
                end = -1;
            }
            boolean continuation = !special && marks.continues(pieces[i]);
            boolean truncated = !special && i - 1 >= limit;
            tokens.add(new Token(pieces[i], ids[i], start, end, special, continuation,
                    ids[i] == unkId, truncated));
        }
        int kept = Math.min(inner, limit);
        long[] inputIds = new long[kept + 2];
        inputIds[0] = ids[0];
        System.arraycopy(ids, 1, inputIds, 1, kept);
        inputIds[kept + 1] = ids[n - 1];
        return new Encoding(text, List.copyOf(tokens), inputIds, inner > limit);
    }

    @Override
    public int maxSeqLength() {
        return settings.maxSeqLength();
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public long maxTokenId() {
        return maxTokenId;
    }

    @Override
    public long padId() {
        return padId;
    }

    @Override
    public WordMarks wordMarks() {
        return marks;
    }

    /** The id of the unknown token. */
    public long unkId() {
        return unkId;
    }

    /** The settings this tokenizer was loaded with. */
    public TokenizerSettings settings() {
        return settings;
    }

    /** The effective {@code BertNormalizer} options (after {@code tokenizer_config.json}). */
    public BertNormalization normalization() {
        return normalization;
    }

    @Override
    public boolean lowercases() {
        return normalization.altersLetters();
    }

    @Override
    public String whatTheModelSees(String text) {
        return TextChecks.whatTheModelSees(text, settings, normalization);
    }

    @Override
    public void close() {
        library.close();
    }
}
