package kr.sbert.workbench.core.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import kr.sbert.workbench.core.Limits;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.io.BoundedFiles;
import kr.sbert.workbench.core.io.BoundedJson;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.model.ModelFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the tokenizer of a Transformer module folder the way transformers'
 * {@code BertTokenizerFast} does.
 *
 * <p>With a {@code tokenizer.json} it is used, but its {@code BertNormalizer}'s
 * {@code lowercase}/{@code strip_accents}/{@code handle_chinese_chars} are replaced by
 * {@code tokenizer_config.json}'s {@code do_lower_case}/{@code strip_accents}/{@code
 * tokenize_chinese_chars} where that file states them (transformers rewrites the normalizer
 * when they differ). Without one, the same pipeline is built from {@code vocab.txt} as HF's
 * {@code BertConverter} builds it. Tokens come from {@code tokenizer_config.json}, overridden
 * by {@code special_tokens_map.json}.
 *
 * <p>Deliberate difference: when {@code tokenizer_config.json} is missing or does not state
 * {@code do_lower_case}, transformers defaults it to {@code true}, which on Korean means NFD and
 * jamo pieces. Here silence means no lower-casing (with a {@code tokenizer.json}: its normalizer
 * as written). Only a checkpoint that asks for lower-casing gets it.
 *
 * <p>Errors are {@link MalformedModelException}: a folder without a usable tokenizer is a broken
 * model folder; the message names the file.
 */
public final class TokenizerLoader {

    static final String TOKENIZER_JSON = "tokenizer.json";
    static final String VOCAB_TXT = "vocab.txt";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    static final String ADDED_TOKENS = "added_tokens.json";
    /** SentencePiece model files (XLM-R, e5, T5 names): read only through a tokenizer.json. */
    public static final List<String> SENTENCEPIECE_FILES = List.of("sentencepiece.bpe.model", "spiece.model",
            "sentencepiece.model");

    private static final long MAX_FILE_BYTES = Limits.TOKENIZER_MAX_BYTES;

    private TokenizerLoader() {
    }

    /** Loads the tokenizer files of {@code transformerDir} (a module folder or a root folder). */
    public static HfTextTokenizer load(Path transformerDir, TokenizerSettings settings)
            throws MalformedModelException {
        TokenizerFileConfig config = TokenizerFileConfig.read(transformerDir);
        Path tokenizerJson = transformerDir.resolve(TOKENIZER_JSON);
        TokenizerDefinition definition;
        String source;
        if (ModelFiles.present(tokenizerJson)) {
            definition = parseTokenizerJson(tokenizerJson);
            applyConfig(definition.root(), config, tokenizerJson);
            source = tokenizerJson.toString();
        } else {
            Path vocab = transformerDir.resolve(VOCAB_TXT);
            if (!ModelFiles.present(vocab)) {
                for (String spm : SENTENCEPIECE_FILES) {
                    if (Files.exists(transformerDir.resolve(spm))) {
                        throw new MalformedModelException(transformerDir.resolve(spm) + ": a SentencePiece model alone is"
                                + " not enough; the workbench reads SentencePiece vocabularies from " + TOKENIZER_JSON
                                + ", which this folder lacks (download it with the model, or save the tokenizer with"
                                + " transformers' fast tokenizer)");
                    }
                }
                throw new MalformedModelException("no tokenizer in " + transformerDir
                        + ": neither " + TOKENIZER_JSON + " nor " + VOCAB_TXT + " is there");
            }
            definition = BertTokenizerJson.build(readVocab(vocab), config, vocab);
            source = vocab.toString();
        }
        return fromDefinition(definition, settings, config, source, transformerDir.resolve(ADDED_TOKENS));
    }

    /** How much of a tokenizer.json {@link #kind} reads: its model type comes before its vocabulary. */
    private static final int KIND_PREFIX_BYTES = 4 << 20;
    private static final java.util.regex.Pattern MODEL_TYPE =
            java.util.regex.Pattern.compile("\"model\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"(\\w+)\"");

    /**
     * The tokenizer's model type read cheaply (for a model's facts before it is loaded): a
     * tokenizer.json's {@code model.type} from the start of the file, else {@code WordPiece} for a
     * {@code vocab.txt}; {@code "?"} when neither says.
     */
    public static String kind(Path transformerDir) {
        Path json = transformerDir.resolve(TOKENIZER_JSON);
        if (Files.isRegularFile(json)) {
            try (java.io.InputStream in = Files.newInputStream(json)) {
                String head = new String(in.readNBytes(KIND_PREFIX_BYTES), StandardCharsets.UTF_8);
                java.util.regex.Matcher m = MODEL_TYPE.matcher(head);
                if (m.find()) {
                    return m.group(1);
                }
            } catch (IOException e) {
                return "?";
            }
        }
        return Files.isRegularFile(transformerDir.resolve(VOCAB_TXT)) ? "WordPiece" : "?";
    }

    /** The {@code tokenizer.json} this loader builds for a folder without one (for tests and export). */
    public static String buildTokenizerJson(Path transformerDir) throws MalformedModelException {
        Path vocab = transformerDir.resolve(VOCAB_TXT);
        if (!ModelFiles.present(vocab)) {
            throw new MalformedModelException("no " + VOCAB_TXT + " in " + transformerDir);
        }
        return BertTokenizerJson.build(readVocab(vocab), TokenizerFileConfig.read(transformerDir), vocab).toJson();
    }

    /**
     * vocab.txt as transformers reads it: one token a line (universal newlines), id = line
     * number; a repeated token keeps its last id.
     */
    static Map<String, Integer> readVocab(Path vocab) throws MalformedModelException {
        String text;
        try {
            text = BoundedFiles.readUtf8(vocab, MAX_FILE_BYTES, "a vocabulary");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedModelException(vocab + ": not UTF-8 text", e);
        } catch (BoundedFiles.RefusedFileException e) {
            throw new MalformedModelException(vocab + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedModelException(vocab + ": cannot read (" + UserText.quote(e.getMessage()) + ")", e);
        }
        // Files.readAllLines' line breaks (\n, \r\n and \r), found with indexOf straight into the
        // map: a regex, a list of lines or a char-by-char loop over 40,000 entries showed in
        // cold-start load times (indexOf is fast before the JIT has compiled anything).
        Map<String, Integer> map = new LinkedHashMap<>(Math.max(16, text.length() / 4));
        int lines = 0;
        int n = text.length();
        int nextLf = text.indexOf('\n');
        int nextCr = text.indexOf('\r');
        for (int start = 0; start < n; ) {
            if (nextLf >= 0 && nextLf < start) {
                nextLf = text.indexOf('\n', start);
            }
            if (nextCr >= 0 && nextCr < start) {
                nextCr = text.indexOf('\r', start);
            }
            int end = nextLf < 0 ? (nextCr < 0 ? n : nextCr) : (nextCr < 0 ? nextLf : Math.min(nextLf, nextCr));
            if (lines >= Limits.VOCAB_MAX_ENTRIES) {
                throw new MalformedModelException(vocab + ": more than " + Limits.VOCAB_MAX_ENTRIES + " entries");
            }
            map.put(text.substring(start, end), lines++);
            start = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
        }
        if (lines == 0) {
            throw new MalformedModelException(vocab + ": empty vocabulary");
        }
        return map;
    }

    /**
     * A tokenizer.json with its {@code model.vocab} streamed into a map (ids checked on the way)
     * rather than built as a tree: a large vocabulary then costs a third of the memory and time.
     */
    static TokenizerDefinition parseTokenizerJson(Path file) throws MalformedModelException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        boolean[] streamed = {false};
        BoundedJson.MemberSink sink = new BoundedJson.MemberSink() {
            @Override
            public void begin() {
                streamed[0] = true;
            }

            @Override
            public void member(String token, JsonPrimitive value) throws BoundedJson.JsonProblem {
                put(vocab, token, value);
            }
        };
        JsonElement root = parse(file, MAX_FILE_BYTES, "a tokenizer file", List.of("model", "vocab"), sink);
        if (!root.isJsonObject()) {
            throw new MalformedModelException(file + ": expected a JSON object");
        }
        return new TokenizerDefinition(root.getAsJsonObject(), streamed[0] ? vocab : null);
    }

    /** One model.vocab entry of a tokenizer.json: a non-negative integer id, within the entry budget. */
    private static void put(Map<String, Integer> vocab, String token, JsonPrimitive value) throws BoundedJson.JsonProblem {
        long id = value == null ? -1 : idValue(value);
        if (id < 0) {
            throw new BoundedJson.JsonProblem("model.vocab entry '" + UserText.quote(token) + "' has id "
                    + (value == null ? "null" : BoundedJson.describe(value)) + " (needs a non-negative integer)");
        }
        if (vocab.put(token, (int) id) == null && vocab.size() > Limits.VOCAB_MAX_ENTRIES) {
            throw new BoundedJson.JsonProblem("model.vocab has more than " + Limits.VOCAB_MAX_ENTRIES + " entries");
        }
    }

    /** A small tokenizer config file ({@code tokenizer_config.json}, {@code special_tokens_map.json}). */
    static JsonObject parseObject(Path file) throws MalformedModelException {
        JsonElement root = parse(file, Limits.CONFIG_MAX_BYTES, "a config file", List.of(), null);
        if (!root.isJsonObject()) {
            throw new MalformedModelException(file + ": expected a JSON object");
        }
        return root.getAsJsonObject();
    }

    private static JsonElement parse(Path file, long maxBytes, String what, List<String> streamedPath,
                                     BoundedJson.MemberSink sink) throws MalformedModelException {
        try {
            return BoundedJson.parse(BoundedFiles.readUtf8(file, maxBytes, what),
                    Limits.JSON_MAX_VALUES, streamedPath, sink);
        } catch (BoundedJson.JsonProblem | BoundedFiles.RefusedFileException e) {
            throw new MalformedModelException(file + ": " + e.getMessage(), e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedModelException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new MalformedModelException(file + ": cannot read (" + UserText.quote(e.getMessage()) + ")", e);
        }
    }

    /** transformers' BertTokenizerFast: the config's stated options replace the normalizer's. */
    private static void applyConfig(JsonObject json, TokenizerFileConfig config, Path file)
            throws MalformedModelException {
        JsonElement normalizer = json.get("normalizer");
        if (normalizer == null || !normalizer.isJsonObject()
                || !"BertNormalizer".equals(stringOrNull(normalizer.getAsJsonObject().get("type")))) {
            return;
        }
        JsonObject n = normalizer.getAsJsonObject();
        if (config.doLowerCase() != null) {
            n.addProperty("lowercase", config.doLowerCase());
        }
        if (config.stripAccentsStated()) {
            n.add("strip_accents", config.stripAccents() == null
                    ? JsonNull.INSTANCE : new JsonPrimitive(config.stripAccents()));
        }
        if (config.tokenizeChineseChars() != null) {
            n.addProperty("handle_chinese_chars", config.tokenizeChineseChars());
        }
        if (!json.has("model") || !json.get("model").isJsonObject()) {
            throw new MalformedModelException(file + ": no \"model\" object");
        }
    }

    private static HfTextTokenizer fromDefinition(TokenizerDefinition definition, TokenizerSettings settings,
                                                  TokenizerFileConfig config, String source, Path addedTokensFile)
            throws MalformedModelException {
        JsonObject json = definition.root();
        JsonObject model = json.has("model") && json.get("model").isJsonObject()
                ? json.getAsJsonObject("model") : null;
        String type = model == null ? null : stringOrNull(model.get("type"));
        Vocabulary vocab;
        long unkId;
        WordMarks marks;
        if ("WordPiece".equals(type)) {
            vocab = wordPieceVocabulary(definition, model, source);
            String unk = stringOrNull(model.get("unk_token"));
            Long id = idOf(json, vocab, unk);
            // WordPiece looks the unknown token up in its own vocabulary: an added token alone makes the
            // native library abort the process on the first unknown word
            if (id == null || unk == null || vocab.id(unk) == null) {
                throw new MalformedModelException(source + ": unknown token " + UserText.quote(unk) + " is not in the vocabulary");
            }
            unkId = id;
            String prefix = model.has("continuing_subword_prefix")
                    ? stringOrNull(model.get("continuing_subword_prefix")) : "##";
            marks = WordMarks.continuedBy(prefix == null ? "##" : prefix);
        } else if ("Unigram".equals(type)) {
            vocab = unigramVocabulary(model, source);
            long id = model.has("unk_id") && !model.get("unk_id").isJsonNull() ? idValue(model.get("unk_id")) : -1;
            // Unigram without an unknown piece panics in the native library on a character it lacks
            if (id < 0 || id >= vocab.size()) {
                throw new MalformedModelException(source + ": model.unk_id " + BoundedJson.describe(model.get("unk_id"))
                        + " is not an entry of model.vocab (" + vocab.size() + " entries)");
            }
            unkId = id;
            marks = WordMarks.startedBy(metaspaceReplacement(json));
        } else {
            throw new MalformedModelException(source + ": model.type is "
                    + (model == null ? "missing" : BoundedJson.describe(model.get("type")))
                    + "; the workbench reads WordPiece (BERT, KLUE RoBERTa) and Unigram (SentencePiece, XLM-R) tokenizers");
        }
        long declared = checkAddedTokens(json, source);
        if (ModelFiles.present(addedTokensFile)) {
            applyAddedTokensFile(json, vocab, config, addedTokensFile);
        }
        long maxId = Math.max(vocab.maxId(), Math.max(declared, checkAddedTokens(json, source)));
        Long padId = idOf(json, vocab, config.padToken());
        HuggingFaceTokenizer library;
        try {
            byte[] bytes = definition.toJson().getBytes(StandardCharsets.UTF_8);
            // The wrapper overrides the JSON's own truncation and padding: switch both off, we
            // truncate ourselves so the untruncated tokens stay visible.
            library = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "false",
                    "padding", "false",
                    "withOverflowingTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new MalformedModelException(source + ": the tokenizer library refused it ("
                    + oneLine(e) + ")", e);
        }
        ai.djl.huggingface.tokenizers.Encoding empty = library.encode("");
        if (empty.getIds().length != 2) {
            library.close();
            throw new MalformedModelException(source + ": post-processor does not add exactly one token before and one"
                    + " after the text, as [CLS] … [SEP] or <s> … </s> (an empty text gives " + empty.getIds().length
                    + " tokens: " + UserText.quote(String.join(" ", empty.getTokens())) + ")");
        }
        for (long id : empty.getIds()) {
            // the post-processor's [CLS]/[SEP] ids are its own: they must fit the embedding rows too
            maxId = Math.max(maxId, id);
        }
        return new HfTextTokenizer(library, settings, normalizationOf(json), vocab.size(), maxId,
                padId == null ? 0 : padId, unkId, marks, longestAddedToken(json), giantWordChars(json, model));
    }

    /** A WordPiece {@code model.vocab}: streamed into a map, or a JSON object whose ids are checked here. */
    private static Vocabulary wordPieceVocabulary(TokenizerDefinition definition, JsonObject model, String source)
            throws MalformedModelException {
        if (definition.vocab() != null) {
            return new Vocabulary(null, definition.vocab(), maxValue(definition.vocab()));
        }
        if (!model.has("vocab") || !model.get("vocab").isJsonObject()) {
            throw new MalformedModelException(source + ": model.vocab is missing");
        }
        JsonObject json = model.getAsJsonObject("vocab");
        return new Vocabulary(json, null, checkVocabIds(json, source));
    }

    /**
     * A Unigram {@code model.vocab}: an array of {@code [piece, score]} pairs whose index is the id;
     * every entry is checked before the native library sees it.
     */
    private static Vocabulary unigramVocabulary(JsonObject model, String source) throws MalformedModelException {
        if (!model.has("vocab") || !model.get("vocab").isJsonArray()) {
            throw new MalformedModelException(source + ": model.vocab of a Unigram tokenizer must be an array of"
                    + " [piece, score] pairs");
        }
        JsonArray entries = model.getAsJsonArray("vocab");
        if (entries.isEmpty()) {
            throw new MalformedModelException(source + ": empty vocabulary");
        }
        if (entries.size() > Limits.VOCAB_MAX_ENTRIES) {
            throw new MalformedModelException(source + ": model.vocab has more than " + Limits.VOCAB_MAX_ENTRIES + " entries");
        }
        Map<String, Integer> ids = new java.util.HashMap<>(entries.size() * 2);
        for (int i = 0; i < entries.size(); i++) {
            JsonElement e = entries.get(i);
            JsonArray pair = e.isJsonArray() ? e.getAsJsonArray() : null;
            String piece = pair != null && pair.size() == 2 ? stringOrNull(pair.get(0)) : null;
            boolean scored = pair != null && pair.size() == 2 && pair.get(1).isJsonPrimitive()
                    && pair.get(1).getAsJsonPrimitive().isNumber() && Double.isFinite(pair.get(1).getAsDouble());
            if (piece == null || !scored) {
                throw new MalformedModelException(source + ": model.vocab[" + i + "] is " + BoundedJson.describe(e)
                        + ", not a [piece, score] pair with a finite score");
            }
            ids.put(piece, i); // a repeated piece: the last id, as the tokenizers library keeps it
        }
        return new Vocabulary(null, ids, entries.size() - 1L, entries.size());
    }

    /** The word-start mark of a Metaspace pre-tokenizer (alone or in a Sequence); SentencePiece's ▁ otherwise. */
    private static String metaspaceReplacement(JsonObject json) {
        JsonElement pre = json.get("pre_tokenizer");
        List<JsonElement> parts = new java.util.ArrayList<>();
        if (pre instanceof JsonObject p) {
            parts.add(p);
            if (p.get("pretokenizers") instanceof JsonArray inner) {
                inner.forEach(parts::add);
            }
        }
        for (JsonElement part : parts) {
            if (part instanceof JsonObject o && "Metaspace".equals(stringOrNull(o.get("type")))) {
                String r = stringOrNull(o.get("replacement"));
                if (r != null && !r.isEmpty()) {
                    return r;
                }
            }
        }
        return "\u2581";
    }

    private static BertNormalization normalizationOf(JsonObject json) {
        JsonElement e = json.get("normalizer");
        if (e == null || !e.isJsonObject()) {
            return new BertNormalization(false, false, false, false);
        }
        JsonObject n = e.getAsJsonObject();
        String type = stringOrNull(n.get("type"));
        if ("BertNormalizer".equals(type)) {
            boolean lowercase = bool(n, "lowercase", true);
            JsonElement strip = n.get("strip_accents");
            boolean stripAccents = strip == null || !isBoolean(strip) ? lowercase : strip.getAsBoolean();
            return new BertNormalization(bool(n, "clean_text", true), bool(n, "handle_chinese_chars", true),
                    stripAccents, lowercase);
        }
        if ("Sequence".equals(type) && n.has("normalizers") && n.get("normalizers").isJsonArray()) {
            boolean lower = false;
            boolean strip = false;
            for (JsonElement part : n.getAsJsonArray("normalizers")) {
                String t = part.isJsonObject() ? stringOrNull(part.getAsJsonObject().get("type")) : null;
                lower |= "Lowercase".equals(t);
                strip |= "StripAccents".equals(t);
            }
            return new BertNormalization(false, false, strip, lower);
        }
        return new BertNormalization(false, false, false, "Lowercase".equals(type));
    }

    private static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e == null || !isBoolean(e) ? fallback : e.getAsBoolean();
    }

    private static boolean isBoolean(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
    }

    /**
     * A tokenizer's {@code model.vocab}: a WordPiece object as read from a tokenizer.json, or a
     * token → id map (built from vocab.txt, streamed, or a Unigram array's indices).
     *
     * @param maxId the largest id the vocabulary holds
     * @param size  its number of entries
     */
    private record Vocabulary(JsonObject json, Map<String, Integer> map, long maxId, int size) {
        Vocabulary(JsonObject json, Map<String, Integer> map, long maxId) {
            this(json, map, maxId, json != null ? json.size() : map.size());
        }

        /** The token's id, null if absent (a JSON id is checked by {@link #checkVocabIds} first). */
        Long id(String token) {
            if (json != null) {
                JsonElement id = json.get(token);
                return id == null ? null : idValue(id);
            }
            Integer id = map.get(token);
            return id == null ? null : id.longValue();
        }
    }

    private static long maxValue(Map<String, Integer> vocab) {
        long max = -1;
        for (int id : vocab.values()) {
            max = Math.max(max, id);
        }
        return max;
    }

    /**
     * Every id of a tokenizer.json's {@code model.vocab} must be a non-negative integer. Checked
     * before the native library sees the file.
     *
     * @return the largest id (checked against the model's embedding rows by the model loader)
     */
    private static long checkVocabIds(JsonObject vocab, String source) throws MalformedModelException {
        long max = -1;
        for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
            long id = idValue(e.getValue());
            if (id < 0) {
                throw new MalformedModelException(source + ": model.vocab entry '" + UserText.quote(e.getKey())
                        + "' has id " + BoundedJson.describe(e.getValue()) + " (needs a non-negative integer)");
            }
            max = Math.max(max, id);
        }
        return max;
    }

    /**
     * Every added token must be an object with a string {@code content} and a non-negative
     * integer {@code id}; at most {@link Limits#ADDED_TOKENS_MAX} of them (the native library's
     * load time grows fast with them). Checked before the native library sees the file.
     *
     * @return the largest added id, -1 without any
     */
    private static long checkAddedTokens(JsonObject json, String source) throws MalformedModelException {
        long max = -1;
        JsonElement added = json.get("added_tokens");
        if (added == null || added.isJsonNull()) {
            return max;
        }
        if (!added.isJsonArray()) {
            throw new MalformedModelException(source + ": added_tokens is " + BoundedJson.describe(added)
                    + ", not an array");
        }
        JsonArray array = added.getAsJsonArray();
        if (array.size() > Limits.ADDED_TOKENS_MAX) {
            throw new MalformedModelException(source + ": " + array.size() + " added_tokens (limit "
                    + Limits.ADDED_TOKENS_MAX + ")");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonObject()) {
                throw new MalformedModelException(source + ": added_tokens[" + i + "] is " + BoundedJson.describe(e)
                        + ", not an object");
            }
            JsonObject t = e.getAsJsonObject();
            long id = t.has("id") ? idValue(t.get("id")) : -1;
            if (id < 0) {
                throw new MalformedModelException(source + ": added_tokens[" + i + "] has "
                        + (t.has("id") ? "id " + BoundedJson.describe(t.get("id")) : "no id")
                        + " (needs a non-negative integer)");
            }
            String content = stringOrNull(t.get("content"));
            if (content == null) {
                throw new MalformedModelException(source + ": added_tokens[" + i + "] has no string content");
            }
            if (content.length() > Limits.ADDED_TOKEN_MAX_CHARS) {
                throw new MalformedModelException(source + ": added_tokens[" + i + "] is " + content.length()
                        + " characters long (limit " + Limits.ADDED_TOKEN_MAX_CHARS + ")");
            }
            max = Math.max(max, id);
        }
        return max;
    }

    /**
     * {@code max_input_chars_per_word} when {@link GiantWords} may shrink this tokenizer's giant
     * words: the plain BERT pipeline (BertNormalizer, BertPreTokenizer) whose added tokens each hold a
     * split character; else 0.
     */
    private static int giantWordChars(JsonObject json, JsonObject model) {
        if (!(json.get("normalizer") instanceof JsonObject n) || !"BertNormalizer".equals(stringOrNull(n.get("type")))
                || !(json.get("pre_tokenizer") instanceof JsonObject p)
                || !"BertPreTokenizer".equals(stringOrNull(p.get("type")))) {
            return 0;
        }
        long max = model.has("max_input_chars_per_word") ? idValue(model.get("max_input_chars_per_word")) : 100;
        if (max < 1 || max > 10_000) {
            return 0;
        }
        List<String> added = new java.util.ArrayList<>();
        if (json.get("added_tokens") instanceof JsonArray array) {
            for (JsonElement e : array) {
                added.add(stringOrNull(e.getAsJsonObject().get("content")));
            }
        }
        return GiantWords.safeWith(added) ? (int) max : 0;
    }

    /**
     * {@code added_tokens.json} (token → id) as transformers merges it into a fast tokenizer: by id;
     * an id the tokenizer already has is skipped; a token of the vocabulary keeps its id and a new one
     * takes the next free id, either way matched whole before the model (an added token,
     * normalized, not special unless it is one of the special tokens). Any other id is refused, as
     * transformers refuses it.
     */
    private static void applyAddedTokensFile(JsonObject json, Vocabulary vocab, TokenizerFileConfig config, Path file)
            throws MalformedModelException {
        JsonObject entries = parseObject(file);
        if (entries.size() > Limits.ADDED_TOKENS_MAX) {
            throw new MalformedModelException(file + ": " + entries.size() + " entries (limit " + Limits.ADDED_TOKENS_MAX + ")");
        }
        JsonArray added = json.get("added_tokens") instanceof JsonArray a ? a : new JsonArray();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        java.util.Set<String> contents = new java.util.HashSet<>();
        long next = vocab.size();
        for (JsonElement e : added) {
            JsonObject t = e.getAsJsonObject();
            long id = idValue(t.get("id"));
            ids.add(id);
            contents.add(stringOrNull(t.get("content")));
            next = Math.max(next, id + 1);
        }
        List<Map.Entry<String, Long>> sorted = new java.util.ArrayList<>();
        for (Map.Entry<String, JsonElement> e : entries.entrySet()) {
            long id = idValue(e.getValue());
            if (id < 0) {
                throw new MalformedModelException(file + ": '" + UserText.quote(e.getKey()) + "' has id "
                        + BoundedJson.describe(e.getValue()) + " (needs a non-negative integer)");
            }
            sorted.add(Map.entry(e.getKey(), id));
        }
        sorted.sort(Map.Entry.comparingByValue());
        java.util.Set<String> specials = new java.util.HashSet<>(java.util.Arrays.asList(config.unkToken(),
                config.clsToken(), config.sepToken(), config.padToken(), config.maskToken()));
        for (Map.Entry<String, Long> e : sorted) {
            String token = e.getKey();
            long id = e.getValue();
            if (ids.contains(id) || contents.contains(token)) {
                continue; // the tokenizer already has it (tokenizer.json's own added tokens)
            }
            Long inVocab = vocab.id(token);
            if (!(inVocab != null && inVocab == id) && id != next) {
                throw new MalformedModelException(file + ": '" + UserText.quote(token) + "' has id " + id
                        + ", but the next free id is " + next + (inVocab == null ? "" : " and the vocabulary has it as " + inVocab));
            }
            if (token.length() > Limits.ADDED_TOKEN_MAX_CHARS) {
                throw new MalformedModelException(file + ": '" + UserText.quote(token.substring(0, 40)) + "…' is "
                        + token.length() + " characters long (limit " + Limits.ADDED_TOKEN_MAX_CHARS + ")");
            }
            boolean special = specials.contains(token);
            JsonObject t = new JsonObject();
            t.addProperty("id", id);
            t.addProperty("content", token);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", !special);
            t.addProperty("special", special);
            added.add(t);
            ids.add(id);
            contents.add(token);
            if (id == next) {
                next++;
            }
        }
        json.add("added_tokens", added);
    }

    /** Chars of the longest {@code added_tokens} content (0 without any); checked by {@link #checkAddedTokens}. */
    private static int longestAddedToken(JsonObject json) {
        int longest = 0;
        if (json.get("added_tokens") instanceof JsonArray array) {
            for (JsonElement e : array) {
                String content = stringOrNull(e.getAsJsonObject().get("content"));
                longest = Math.max(longest, content == null ? 0 : content.length());
            }
        }
        return longest;
    }

    /** A JSON id: a plain non-negative integer literal below 2^31, else -1. */
    private static long idValue(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return -1;
        }
        String literal = e.getAsString();
        if (literal.isEmpty() || literal.length() > 10) {
            return -1;
        }
        // A plain loop: this runs once per vocabulary entry (40,000 for V40K) on every load.
        long v = 0;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= Integer.MAX_VALUE ? v : -1;
    }

    /** Id of a token in the added tokens or the model vocabulary, null if absent (ids checked by {@link #checkAddedTokens}). */
    private static Long idOf(JsonObject json, Vocabulary vocab, String token) {
        if (token == null) {
            return null;
        }
        JsonElement added = json.get("added_tokens");
        if (added instanceof JsonArray array) {
            for (JsonElement e : array) {
                JsonObject t = e.getAsJsonObject();
                if (token.equals(stringOrNull(t.get("content")))) {
                    return idValue(t.get("id"));
                }
            }
        }
        return vocab.id(token);
    }

    static String stringOrNull(JsonElement e) {
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "no reason given" : e.getMessage();
        int nl = m.indexOf('\n');
        return UserText.quote(nl < 0 ? m : m.substring(0, nl));
    }
}
