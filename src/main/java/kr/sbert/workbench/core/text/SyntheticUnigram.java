package kr.sbert.workbench.core.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in SentencePiece Unigram {@code tokenizer.json} (XLM-R's layout: {@code <s>}=0
 * {@code <pad>}=1 {@code </s>}=2 {@code <unk>}=3, {@code <mask>} last; Metaspace; {@code <s> $A </s>})
 * for random-weight benchmark models of the XLM-R and e5 kinds: every Hangul syllable as a word
 * start ({@code ▁가}) and as a continuation, printable ASCII, then fillers — so Korean splits into
 * about one piece per syllable, as {@link SyntheticVocabulary} does for WordPiece.
 */
public final class SyntheticUnigram {
    private static final String MARK = "\u2581";

    private SyntheticUnigram() {
    }

    /** A tokenizer.json of exactly {@code size} ids (the last is {@code <mask>}). */
    public static JsonObject create(int size) {
        if (size < 6) {
            throw new IllegalArgumentException("a Unigram vocabulary needs at least 6 entries, got " + size);
        }
        List<String> pieces = new ArrayList<>(List.of("<s>", "<pad>", "</s>", "<unk>"));
        for (char c = '\uAC00'; c <= '\uD7A3' && pieces.size() < size - 1; c++) {
            pieces.add(MARK + c);
        }
        for (char c = '\uAC00'; c <= '\uD7A3' && pieces.size() < size - 1; c++) {
            pieces.add(String.valueOf(c));
        }
        for (char c = '!'; c <= '~' && pieces.size() < size - 1; c++) {
            pieces.add(String.valueOf(c));
            if (pieces.size() < size - 1) {
                pieces.add(MARK + c);
            }
        }
        for (int i = 0; pieces.size() < size - 1; i++) {
            pieces.add("<unused" + i + ">");
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", JsonNull.INSTANCE);
        root.add("padding", JsonNull.INSTANCE);
        JsonArray added = new JsonArray();
        String[] specials = {"<s>", "<pad>", "</s>", "<unk>"};
        for (int i = 0; i < specials.length; i++) {
            added.add(added(i, specials[i], false));
        }
        added.add(added(size - 1, "<mask>", true));
        root.add("added_tokens", added);
        root.add("normalizer", JsonNull.INSTANCE);
        root.add("pre_tokenizer", metaspace());
        JsonObject post = new JsonObject();
        post.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(BertTokenizerJson.piece("SpecialToken", "<s>", 0));
        single.add(BertTokenizerJson.piece("Sequence", "A", 0));
        single.add(BertTokenizerJson.piece("SpecialToken", "</s>", 0));
        post.add("single", single);
        JsonArray pair = new JsonArray();
        pair.add(BertTokenizerJson.piece("SpecialToken", "<s>", 0));
        pair.add(BertTokenizerJson.piece("Sequence", "A", 0));
        pair.add(BertTokenizerJson.piece("SpecialToken", "</s>", 0));
        pair.add(BertTokenizerJson.piece("SpecialToken", "</s>", 0));
        pair.add(BertTokenizerJson.piece("Sequence", "B", 0));
        pair.add(BertTokenizerJson.piece("SpecialToken", "</s>", 0));
        post.add("pair", pair);
        JsonObject st = new JsonObject();
        st.add("<s>", BertTokenizerJson.special("<s>", 0));
        st.add("</s>", BertTokenizerJson.special("</s>", 2));
        post.add("special_tokens", st);
        root.add("post_processor", post);
        root.add("decoder", metaspace());
        JsonObject model = new JsonObject();
        model.addProperty("type", "Unigram");
        model.addProperty("unk_id", 3);
        JsonArray vocab = new JsonArray();
        for (int i = 0; i < pieces.size(); i++) {
            JsonArray entry = new JsonArray();
            entry.add(pieces.get(i));
            // specials 0; word starts cheaper than continuations, so words start with ▁ pieces
            entry.add(i < 4 ? 0.0 : pieces.get(i).startsWith(MARK) ? -8.0 : -10.0);
            vocab.add(entry);
        }
        model.add("vocab", vocab);
        model.addProperty("byte_fallback", false);
        root.add("model", model);
        return root;
    }

    private static JsonObject metaspace() {
        JsonObject m = new JsonObject();
        m.addProperty("type", "Metaspace");
        m.addProperty("replacement", MARK);
        m.addProperty("prepend_scheme", "always");
        m.addProperty("split", true);
        return m;
    }

    private static JsonObject added(int id, String content, boolean lstrip) {
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", content);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", lstrip);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", false);
        t.addProperty("special", true);
        return t;
    }
}
