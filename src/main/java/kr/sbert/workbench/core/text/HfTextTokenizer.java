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
    private final String continuationPrefix;

    HfTextTokenizer(HuggingFaceTokenizer library, TokenizerSettings settings,
                    BertNormalization normalization, int vocabSize, long maxTokenId, long padId, long unkId,
                    String continuationPrefix) {
        this.library = library;
        this.settings = settings;
        this.normalization = normalization;
        this.vocabSize = vocabSize;
        this.maxTokenId = maxTokenId;
        this.padId = padId;
        this.unkId = unkId;
        this.continuationPrefix = continuationPrefix;
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

    private Encoding toEncoding(String text, PreparedText prepared, ai.djl.huggingface.tokenizers.Encoding e) {
        long[] ids = e.getIds();
        String[] pieces = e.getTokens();
        CharSpan[] spans = e.getCharTokenSpans();
        int n = ids.length; // [CLS] pieces... [SEP], checked at load time
        int limit = settings.maxSeqLength() - 2;
        int inner = n - 2;
        List<Token> tokens = new ArrayList<>(n);
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
            }
            boolean continuation = !special && pieces[i].startsWith(continuationPrefix);
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
