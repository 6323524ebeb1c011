package kr.sbert.workbench.core.text;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.model.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code tokenizer_config.json} and {@code special_tokens_map.json} say, mapped in one
 * place. A {@code null} option means the files are silent about it.
 *
 * @param doLowerCase          {@code do_lower_case}
 * @param stripAccentsStated   whether {@code strip_accents} appears at all (an explicit
 *                             {@code null} is a statement: "follow lowercase")
 * @param stripAccents         {@code strip_accents}
 * @param tokenizeChineseChars {@code tokenize_chinese_chars}
 */
record TokenizerFileConfig(Boolean doLowerCase, boolean stripAccentsStated, Boolean stripAccents,
                           Boolean tokenizeChineseChars, String unkToken, String clsToken,
                           String sepToken, String padToken, String maskToken) {

    static TokenizerFileConfig read(Path dir) throws MalformedModelException {
        Path configFile = dir.resolve(TokenizerLoader.TOKENIZER_CONFIG);
        JsonObject config = ModelFiles.present(configFile)
                ? TokenizerLoader.parseObject(configFile) : new JsonObject();
        Path mapFile = dir.resolve(TokenizerLoader.SPECIAL_TOKENS_MAP);
        JsonObject map = ModelFiles.present(mapFile)
                ? TokenizerLoader.parseObject(mapFile) : new JsonObject();
        try {
            JsonElement strip = config.get("strip_accents");
            return new TokenizerFileConfig(
                    bool(config, "do_lower_case"),
                    strip != null,
                    strip == null || strip.isJsonNull() ? null : strip.getAsBoolean(),
                    bool(config, "tokenize_chinese_chars"),
                    token(map, config, "unk_token", "[UNK]"),
                    token(map, config, "cls_token", "[CLS]"),
                    token(map, config, "sep_token", "[SEP]"),
                    token(map, config, "pad_token", "[PAD]"),
                    token(map, config, "mask_token", "[MASK]"));
        } catch (RuntimeException e) {
            throw new MalformedModelException(configFile + " or " + mapFile.getFileName()
                    + ": a field has the wrong type (" + e.getMessage() + ")", e);
        }
    }

    private static Boolean bool(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsBoolean();
    }

    /** special_tokens_map.json wins over tokenizer_config.json (as transformers loads them). */
    private static String token(JsonObject map, JsonObject config, String key, String fallback) {
        String fromMap = content(map.get(key));
        if (fromMap != null) {
            return fromMap;
        }
        String fromConfig = content(config.get(key));
        return fromConfig != null ? fromConfig : fallback;
    }

    /** A token is a plain string or an {@code AddedToken} object with {@code content}. */
    private static String content(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            return TokenizerLoader.stringOrNull(e.getAsJsonObject().get("content"));
        }
        return TokenizerLoader.stringOrNull(e);
    }
}
