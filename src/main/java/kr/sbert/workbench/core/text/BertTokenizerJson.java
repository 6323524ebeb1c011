package kr.sbert.workbench.core.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import kr.sbert.workbench.core.model.MalformedModelException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tokenizer.json} HF's {@code BertConverter} makes from a slow BERT tokenizer:
 * BertNormalizer, BertPreTokenizer, WordPiece, {@code [CLS] $A [SEP]} template, WordPiece
 * decoder, and the special tokens registered as added tokens (so a literal {@code [MASK]} in a
 * text stays one token, as with {@code PreTrainedTokenizerFast}).
 */
final class BertTokenizerJson {

    private BertTokenizerJson() {
    }

    /** The definition, with {@code vocab} (token → line number) kept apart from the tree. */
    static TokenizerDefinition build(Map<String, Integer> vocab, TokenizerFileConfig config, Path vocabFile)
            throws MalformedModelException {
        if (!vocab.containsKey(config.unkToken())) {
            throw new MalformedModelException(vocabFile + ": unknown token " + config.unkToken()
                    + " is not in the vocabulary");
        }
        // Special tokens in transformers' attribute order; one missing from the vocabulary gets
        // the next free id, as added tokens do.
        Map<String, Integer> specials = new LinkedHashMap<>();
        int next = vocab.size();
        for (String t : List.of(config.unkToken(), config.sepToken(), config.padToken(),
                config.clsToken(), config.maskToken())) {
            if (!specials.containsKey(t)) {
                Integer id = vocab.get(t);
                specials.put(t, id != null ? id : next++);
            }
        }

        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);

        JsonArray added = new JsonArray();
        specials.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            JsonObject t = new JsonObject();
            t.addProperty("id", e.getValue());
            t.addProperty("content", e.getKey());
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        });
        root.add("added_tokens", added);

        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars",
                config.tokenizeChineseChars() == null || config.tokenizeChineseChars());
        normalizer.add("strip_accents", config.stripAccents() == null
                ? JsonNull.INSTANCE : new JsonPrimitive(config.stripAccents()));
        // Silence means no lower-casing (transformers would default to true; see TokenizerLoader).
        normalizer.addProperty("lowercase", Boolean.TRUE.equals(config.doLowerCase()));
        root.add("normalizer", normalizer);

        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "BertPreTokenizer");
        root.add("pre_tokenizer", preTokenizer);

        root.add("post_processor", template(config.clsToken(), specials.get(config.clsToken()),
                config.sepToken(), specials.get(config.sepToken())));

        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", "##");
        decoder.addProperty("cleanup", true);
        root.add("decoder", decoder);

        JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", config.unkToken());
        model.addProperty("continuing_subword_prefix", "##");
        model.addProperty("max_input_chars_per_word", 100);
        root.add("model", model); // model.vocab is written from the map (see TokenizerDefinition)
        return new TokenizerDefinition(root, vocab);
    }

    private static JsonObject template(String cls, int clsId, String sep, int sepId) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(piece("SpecialToken", cls, 0));
        single.add(piece("Sequence", "A", 0));
        single.add(piece("SpecialToken", sep, 0));
        p.add("single", single);
        JsonArray pair = new JsonArray();
        pair.add(piece("SpecialToken", cls, 0));
        pair.add(piece("Sequence", "A", 0));
        pair.add(piece("SpecialToken", sep, 0));
        pair.add(piece("Sequence", "B", 1));
        pair.add(piece("SpecialToken", sep, 1));
        p.add("pair", pair);
        JsonObject specials = new JsonObject();
        specials.add(cls, special(cls, clsId));
        specials.add(sep, special(sep, sepId));
        p.add("special_tokens", specials);
        return p;
    }

    /** A template item: {@code {kind: {id, type_id}}}. */
    static JsonObject piece(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject outer = new JsonObject();
        outer.add(kind, inner);
        return outer;
    }

    /** A post-processor special token: {@code {id: token, ids: [id], tokens: [token]}}. */
    static JsonObject special(String token, int id) {
        JsonObject o = new JsonObject();
        o.addProperty("id", token);
        JsonArray ids = new JsonArray();
        ids.add(id);
        o.add("ids", ids);
        JsonArray tokens = new JsonArray();
        tokens.add(token);
        o.add("tokens", tokens);
        return o;
    }
}
