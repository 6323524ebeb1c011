package kr.sbert.workbench.core;

import java.time.Duration;

/**
 * Every budget the workbench's readers enforce, in one place (the README's "Errors and exit
 * codes" section lists them). Each is chosen from the largest real input a BERT
 * sentence-transformers model has, with a wide margin, so valid files never come near it while a
 * hostile file is refused before it can cost time or memory: the largest tokenizer is LaBSE's
 * (501,153 WordPiece entries, {@code tokenizer.json} about 13 MB, {@code vocab.txt} 5 MB); the
 * largest checkpoint is a BERT-large (about 1.3 GB, 400 tensors, a {@code data.pkl} of about 60 KB,
 * a safetensors header of about 40 KB); a repo-info answer of a model repo is a few KB.
 *
 * <p>The network time budgets can be lowered for tests with system properties
 * {@code kr.sbert.workbench.net.<name>} (seconds, or bytes/s for the rate).
 */
public final class Limits {

    // ---- JSON files (configs, tokenizer.json, index files, safetensors headers, hub answers) ----
    /** Deepest nesting of arrays/objects in any JSON the workbench reads (real files: 5). */
    public static final int JSON_MAX_DEPTH = 64;
    /** Values (strings, numbers, members, items) in one JSON document (LaBSE's tokenizer.json: about 1.1 million). */
    public static final int JSON_MAX_VALUES = 4_000_000;
    /** Characters of one JSON number literal (a decimal digit budget: nothing real needs 30). */
    public static final int JSON_MAX_NUMBER_CHARS = 64;
    /** A small config file: {@code config.json}, {@code modules.json}, pooling, tokenizer config. */
    public static final long CONFIG_MAX_BYTES = 16L << 20;
    /**
     * {@code tokenizer.json} and {@code vocab.txt} (LaBSE: 13 MB). At this size and
     * {@link #VOCAB_MAX_ENTRIES} a load takes about 6 s and 1.1 GB (the native library and DJL's
     * own parse of the JSON included); twice the budget would pass the 1.5 GB a hostile file may cost.
     */
    public static final long TOKENIZER_MAX_BYTES = 32L << 20;

    /**
     * Attention scores one forward batch may hold ({@code b × heads × L² × 4} bytes): batches of long
     * texts are cut smaller (down to one text), so a model with thousands of positions (bge-m3:
     * 8,192) never asks for a batch of 32 × 8,192² scores. Short texts are unaffected.
     */
    public static final long ATTENTION_SCORES_MAX_BYTES = 512L << 20;
    /** Entries of a WordPiece vocabulary (LaBSE: 501,153; the largest BERT vocabularies, twice that). */
    public static final int VOCAB_MAX_ENTRIES = 1_000_000;
    /**
     * {@code added_tokens} of a {@code tokenizer.json} (real BERT models: at most a few thousand; the native
     * library's load time grows faster than linearly with them).
     */
    public static final int ADDED_TOKENS_MAX = 20_000;
    /**
     * Characters of one added token's {@code content} (real ones: {@code [MASK]}, {@code <|endoftext|>}, at
     * most a few dozen); the native library's load time grows faster than linearly with it (1 MB: minutes).
     */
    public static final int ADDED_TOKEN_MAX_CHARS = 1_024;
    /** A sharded checkpoint's {@code *.index.json}. */
    public static final long WEIGHT_INDEX_MAX_BYTES = 16L << 20;

    // ---- weight files ----
    /** A safetensors header (BERT-large: about 40 KB; the format itself allows 100 MB). */
    public static final long SAFETENSORS_HEADER_MAX_BYTES = 16L << 20;
    /** Tensors in one weight file (BERT-large: about 400). */
    public static final int TENSORS_MAX = 100_000;
    /** One pickle of a {@code torch.save} checkpoint (BERT-large's {@code data.pkl}: about 60 KB). */
    public static final long PICKLE_MAX_BYTES = 16L << 20;
    /** Opcodes one pickle may run (BERT-large: about 20,000); bounds the objects it can build. */
    public static final int PICKLE_MAX_OPCODES = 2_000_000;
    /** Bytes of one pickle integer (LONG1/LONG4); a tensor offset or size needs at most 8. */
    public static final int PICKLE_MAX_INT_BYTES = 16;
    /** Characters of a pickle text number (INT, LONG, FLOAT opcodes) or memo index. */
    public static final int PICKLE_MAX_NUMBER_CHARS = 40;
    /** Bytes of a pickle text line (GLOBAL module and name, text strings). */
    public static final int PICKLE_MAX_LINE = 4096;

    // ---- user texts and data files ----
    /**
     * A text input file ({@code --input}) or an STS data file ({@code --data}): reading one costs
     * about four times its size (bytes, decoded text, lines), so 64 MB keeps a run under the 1.5 GB
     * a hostile file may cost (a 511 MB file reached 21.7 GB). KorSTS and KLUE-STS files are 1–3 MB.
     */
    public static final long TEXT_FILE_MAX_BYTES = 64L << 20;
    /**
     * Texts in one text input file ({@code --input}): each costs about 30 µs and 2 KB however short
     * it is, so a 5 MB file of empty lines would otherwise cost minutes and gigabytes. The largest
     * STS sets hold about 12,000 pairs; encoding this many texts takes half an hour on this CPU
     * (500,000 lines of one letter: tokenize 15 s and 1.6 GB).
     */
    public static final int TEXTS_MAX = 100_000;
    /**
     * WordPiece pieces {@code tokenize} lists per text (a 300-page book is about 100,000): a longer
     * text is tokenized only that far. Models read only the {@code max_seq_length} they use.
     */
    public static final int TOKENIZE_MAX_PIECES = 100_000;

    // ---- explanations ----
    /**
     * Pairs whose token vectors and alignment matrices {@code explain} holds at a time (it prints
     * them and lets them go): at max_seq_length 512 and 1,024 floats per token about 0.6 GB in the
     * worst case, a few MB for real sentences. All 6,000 pairs of a 9 MB file held at once took 6.2 GB.
     */
    public static final int EXPLAIN_PAIRS_HELD = 32;
    /**
     * Sentences {@code vocab-stats} tokenizes at a time with every model before counting them and
     * letting the encodings go (every encoding of 400,000 sentences held at once took 5.5 GB).
     */
    public static final int VOCAB_STATS_SENTENCES_HELD = 1024;

    // ---- the embedding cache (files under its folder are read only through one check) ----
    /**
     * One segment file of the embedding cache (the writer splits larger batches). A segment is
     * read only when it is a regular file itself (no link, FIFO or device) within this size, and
     * read entry by entry, never whole.
     */
    public static final long CACHE_SEGMENT_MAX_BYTES = 1L << 30;
    /** Bytes (UTF-8) of a text the disk cache keeps; longer texts are encoded every time. */
    public static final int CACHE_TEXT_MAX_BYTES = 1 << 20;
    /** Floats of one cached embedding (real models: 384–4,096). */
    public static final int CACHE_DIMENSION_MAX = 1 << 16;
    /**
     * Entries one model's disk index holds (2 GiB of 768-float entries is about 650,000); each
     * costs about 150 bytes of memory whatever its text, so an index stays under about 150 MB.
     */
    public static final int CACHE_ENTRIES_MAX = 1_000_000;
    /** A weight-digest memo file in {@code weight-digests/} (a path and a few hashes). */
    public static final int CACHE_MEMO_MAX_BYTES = 16 << 10;

    // ---- messages ----
    /** A message shown to the user is cut to this many characters. */
    public static final int MESSAGE_MAX_CHARS = 400;
    /** A value quoted inside a message (a key, a token, a path) is cut to this many characters. */
    public static final int QUOTE_MAX_CHARS = 80;

    // ---- network ----
    /** A metadata answer (repo info, error bodies): a model repo's is a few KB. */
    public static final long METADATA_MAX_BYTES = 16L << 20;

    /**
     * A weight file ({@code model.safetensors}, {@code pytorch_model.bin}) whose size the hub did not
     * announce is cut off here: the largest single checkpoint of a supported kind is XLM-R large /
     * bge-m3 at 2.27 GB (a BERT-large: 1.3 GB).
     */
    public static final long DOWNLOAD_UNANNOUNCED_WEIGHTS_MAX_BYTES = 3L << 30;
    /**
     * Any other file of unannounced size (configs, tokenizer files, shard indexes) is cut off at
     * the largest budget any reader has for such a file ({@link #TOKENIZER_MAX_BYTES}): more could
     * never be read anyway.
     */
    public static final long DOWNLOAD_UNANNOUNCED_OTHER_MAX_BYTES = TOKENIZER_MAX_BYTES;

    private Limits() {
    }

    /** Wall time for one metadata request including its whole body (default 30 s). */
    public static Duration metadataDeadline() {
        return Duration.ofMillis(Math.round(seconds("metadataDeadline", 30) * 1000));
    }

    /**
     * A blob download slower than this, averaged over {@link #minRateWindow()}, is dropped and
     * retried (default 1 KB/s: a real CDN sends MBs per second; a dial-up line sends 5 KB/s).
     */
    public static long minRateBytesPerSecond() {
        return (long) seconds("minRate", 1024);
    }

    /** The window over which {@link #minRateBytesPerSecond()} is measured (default 30 s). */
    public static Duration minRateWindow() {
        return Duration.ofMillis(Math.round(seconds("minRateWindow", 30) * 1000));
    }

    /**
     * Transfers dropped as too slow in a row after which a download is given up (a real CDN is
     * never that slow twice; retrying a 1 byte/s server for ever is what this bounds).
     */
    public static final int SLOW_ATTEMPTS_MAX = 2;

    /**
     * New bytes an attempt must add before a download counts it as progress and resets its
     * retry count (a server closing after every few bytes would otherwise be retried for ever).
     */
    public static final long DOWNLOAD_PROGRESS_MIN_BYTES = 64L << 10;

    /**
     * How long one request may take to get its answer's headers, all retries and redirects
     * included (default 60 s; each try waits at most 30 s): headers trickled at 1 byte/s end here.
     */
    public static Duration requestDeadline() {
        return Duration.ofMillis(Math.round(seconds("requestDeadline", 60) * 1000));
    }

    private static double seconds(String name, double fallback) {
        String v = System.getProperty("kr.sbert.workbench.net." + name);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            return d > 0 && Double.isFinite(d) ? d : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
